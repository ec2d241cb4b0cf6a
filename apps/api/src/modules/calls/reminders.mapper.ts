import type { Reminder } from '@ct/contracts';
import type { reminders } from '@ct/db';
import { phoneDisplay, type CallRow } from './calls.mapper.ts';

export type ReminderRow = typeof reminders.$inferSelect;
/** The call columns a reminder response shows. */
export type ReminderCallRow = Pick<
  CallRow,
  'id' | 'contactFirstName' | 'contactLastName' | 'phone' | 'phoneE164' | 'status'
>;

export function mapReminder(row: ReminderRow, call: ReminderCallRow, now: Date): Reminder {
  const display = phoneDisplay(call.phone, call.phoneE164);
  return {
    id: row.id,
    callId: row.callId,
    scheduledAt: row.scheduledAt.toISOString(),
    previousStatus: row.previousStatus,
    priority: row.priority,
    done: row.done,
    doneAt: row.doneAt?.toISOString() ?? null,
    rescheduleCount: row.rescheduleCount,
    rescheduleReason: row.rescheduleReason,
    note: row.note,
    overdue: !row.done && row.scheduledAt.getTime() < now.getTime(),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    call: {
      id: call.id,
      firstName: call.contactFirstName,
      lastName: call.contactLastName,
      phone: call.phone,
      phoneNational: display.national,
      phoneUri: display.uri,
      status: call.status,
    },
  };
}
