import { dayBounds } from '../lib/time.ts';
import { listActiveUserContexts } from '../modules/users/index.ts';
import { eachIsolated, type JobDefinition } from './job.ts';
import { countOpenReminders } from './scan.repository.ts';
import { workStartWithin } from './work-day.ts';

/**
 * "N rappels à faire aujourd'hui": at each user's start of work, on their working days, the count of
 * their open reminders due today or overdue. Once per user and local day (dedupe key with the date).
 */
export const remindersPendingJob: JobDefinition = {
  id: 'reminders_pending',
  schedule: { every: 'minute' },
  description: "The day's callback list at each user's local start of work",
  async run(ctx) {
    const due = (await listActiveUserContexts(ctx.tx)).flatMap((r) => {
      const today = workStartWithin(r, ctx.since, ctx.now);
      return today ? [{ recipient: r, today }] : [];
    });
    let notified = 0;
    const { failed } = await eachIsolated(
      ctx,
      due,
      ({ recipient }) => ({ userId: recipient.id }),
      async (tx, { recipient, today }) => {
        const { end } = dayBounds(ctx.now, recipient.timezone);
        const { total, overdue } = await countOpenReminders(tx, recipient.id, end, ctx.now);
        if (total === 0) return;
        const row = await ctx.outbox.add(
          tx,
          recipient,
          {
            text: { kind: 'reminders_pending', count: total, overdue },
            dedupeKey: `reminders_pending:${today.date}`,
            link: '/reminders',
            meta: { date: today.date, count: total, overdue },
          },
          ctx.now,
        );
        if (row) notified++;
      },
    );
    return { users: due.length, notified, failed };
  },
};
