import type { NotificationType } from '@ct/contracts';
import { listHeldPending, markDigested } from '../modules/notifications/index.ts';
import { listActiveUserContexts } from '../modules/users/index.ts';
import { eachIsolated, type JobDefinition } from './job.ts';
import { isFirstWorkingDay, workStartWithin } from './work-day.ts';

/**
 * Digests (docs/decisions/0022-notification-policy-and-digests.md): at the start of a daily user's work day, or of a
 * weekly user's first working day of the week, the notifications held since the last digest become
 * one `digest` notification (pushed, emailed) and are marked digested. Nothing held, no digest. A user
 * back on realtime gets what was still held at their next work start.
 */
export const digestJob: JobDefinition = {
  id: 'digest',
  schedule: { every: 'minute' },
  description: 'Daily/weekly digests of held notifications at each user’s start of work',
  async run(ctx) {
    const due = (await listActiveUserContexts(ctx.tx)).flatMap((r) => {
      const today = workStartWithin(r, ctx.since, ctx.now);
      if (!today) return [];
      if (r.settings.notifFrequency === 'weekly' && !isFirstWorkingDay(r, today.weekday)) return [];
      return [{ recipient: r, today }];
    });
    let digests = 0;
    const { failed } = await eachIsolated(
      ctx,
      due,
      ({ recipient }) => ({ userId: recipient.id }),
      async (tx, { recipient, today }) => {
        const held = await listHeldPending(tx, recipient.id, ctx.now);
        if (held.length === 0) return;
        const counts: Partial<Record<NotificationType, number>> = {};
        for (const n of held) counts[n.type] = (counts[n.type] ?? 0) + 1;
        const frequency = recipient.settings.notifFrequency === 'weekly' ? 'weekly' : 'daily';
        const row = await ctx.outbox.addDigest(
          tx,
          recipient,
          { kind: 'digest', frequency, counts },
          {
            dedupeKey: `digest:${today.date}`,
            link: '/dashboard',
            meta: {
              frequency,
              date: today.date,
              counts,
              notificationIds: held.slice(0, 200).map((n) => n.id),
              since: held[0]!.createdAt.toISOString(),
            },
          },
          ctx.now,
        );
        // Today's digest already exists (items held after it): they wait for the next one.
        if (!row) return;
        await markDigested(
          tx,
          recipient.id,
          held.map((n) => n.id),
          ctx.now,
        );
        digests++;
      },
    );
    return { users: due.length, digests, failed };
  },
};
