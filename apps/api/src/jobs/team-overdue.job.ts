import { listActiveUserContexts } from '../modules/users/index.ts';
import { eachIsolated, type JobDefinition } from './job.ts';
import { listTeamOverdueCallbacks } from './scan.repository.ts';
import { workStartWithin } from './work-day.ts';

/**
 * "N rappels en retard dans votre équipe": at each lead's start of work, on their working days (the
 * moment the digests go out), per member of the teams they lead, the open callbacks already due that
 * the member holds on the team's lists. Only when some member has one; once per lead and local day
 * (dedupe key with the date).
 */
export const teamOverdueJob: JobDefinition = {
  id: 'team_overdue_callbacks',
  schedule: { every: 'minute' },
  description: "Each lead's overdue callbacks of their teams, at their local start of work",
  async run(ctx) {
    const due = (await listActiveUserContexts(ctx.tx)).flatMap((r) => {
      const today = workStartWithin(r, ctx.since, ctx.now);
      return today ? [{ recipient: r, today }] : [];
    });
    const rows = await listTeamOverdueCallbacks(
      ctx.tx,
      due.map((d) => d.recipient.id),
      ctx.now,
    );
    const leads = due.filter(({ recipient }) => rows.some((r) => r.leadId === recipient.id));
    let notified = 0;
    const { failed } = await eachIsolated(
      ctx,
      leads,
      ({ recipient }) => ({ userId: recipient.id }),
      async (tx, { recipient, today }) => {
        const mine = rows.filter((r) => r.leadId === recipient.id);
        // A member of two of the lead's teams is one line: their reminders on both teams' lists.
        const byMember = new Map<string, { name: string; overdue: number }>();
        for (const r of mine) {
          const member = byMember.get(r.memberId) ?? { name: r.memberName, overdue: 0 };
          member.overdue += r.overdue;
          byMember.set(r.memberId, member);
        }
        const members = [...byMember.values()].sort((a, b) => b.overdue - a.overdue || a.name.localeCompare(b.name));
        const row = await ctx.outbox.add(
          tx,
          recipient,
          {
            text: { kind: 'team_overdue_callbacks', members },
            dedupeKey: `team_overdue_callbacks:${today.date}`,
            link: '/team',
            meta: {
              date: today.date,
              total: members.reduce((sum, m) => sum + m.overdue, 0),
              teams: mine.map((r) => ({ teamId: r.teamId, userId: r.memberId, overdue: r.overdue })),
            },
          },
          ctx.now,
        );
        if (row) notified++;
      },
    );
    return { users: due.length, leads: leads.length, notified, failed };
  },
};
