import { normalizePhone } from '@ct/contracts';
import { callLink } from '../modules/notifications/index.ts';
import { loadUserContexts } from '../modules/users/index.ts';
import { eachIsolated, type JobDefinition } from './job.ts';
import { listDueReminders, reminderDueKey } from './scan.repository.ts';

/**
 * reminder_due: each open reminder `preReminderDelay` minutes before it is due (its notification time
 * came in this run's window, or it was created inside it). Urgent ones always; the others per the
 * user's toggles. One notification per reminder and due time — a rescheduled reminder is due anew.
 */
export const reminderDueJob: JobDefinition = {
  id: 'reminder_due',
  schedule: { every: 'minute' },
  description: 'Notify each reminder pre_reminder_delay minutes before it is due',
  async run(ctx) {
    const rows = await listDueReminders(ctx.tx, ctx.since, ctx.now);
    const byUser = new Map<string, typeof rows>();
    for (const row of rows) byUser.set(row.reminder.userId, [...(byUser.get(row.reminder.userId) ?? []), row]);
    const recipients = await loadUserContexts(ctx.tx, [...byUser.keys()]);
    let notified = 0;
    const { failed } = await eachIsolated(
      ctx,
      recipients,
      (r) => ({ userId: r.id }),
      async (tx, recipient) => {
        for (const { reminder, call } of byUser.get(recipient.id) ?? []) {
          const phone = call.phoneE164
            ? normalizePhone(call.phoneE164, recipient.settings.phoneRegion).national
            : call.phone;
          const row = await ctx.outbox.add(
            tx,
            recipient,
            {
              text: {
                kind: 'reminder_due',
                contactName: `${call.firstName} ${call.lastName}`.trim(),
                phone,
                scheduledAt: reminder.scheduledAt,
                urgent: reminder.priority === 'urgent',
                note: reminder.note,
              },
              dedupeKey: reminderDueKey(reminder.id, reminder.scheduledAt),
              link: callLink(reminder.callId),
              meta: {
                reminderId: reminder.id,
                callId: reminder.callId,
                scheduledAt: reminder.scheduledAt.toISOString(),
                priority: reminder.priority,
              },
            },
            ctx.now,
          );
          if (row) notified++;
        }
      },
    );
    return { reminders: rows.length, notified, failed };
  },
};
