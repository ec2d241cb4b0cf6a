import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { instant, timestamps } from './columns.ts';
import { callStatusEnum, reminderPriorityEnum } from './enums.ts';
import { calls } from './calls.ts';
import { users } from './users.ts';

export const reminders = pgTable(
  'reminders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    scheduledAt: instant('scheduled_at').notNull(),
    /** The call's status when the reminder was made. */
    previousStatus: callStatusEnum('previous_status'),
    priority: reminderPriorityEnum('priority').notNull().default('normal'),
    done: boolean('done').notNull().default(false),
    doneAt: instant('done_at'),
    /**
     * Closed by the deletion of its call (DELETE /calls/:id, an import's revert): what restoring the
     * call reopens. Cleared when it is reopened.
     */
    closedWithCall: boolean('closed_with_call').notNull().default(false),
    rescheduleCount: integer('reschedule_count').notNull().default(0),
    rescheduleReason: text('reschedule_reason'),
    note: text('note').notNull().default(''),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    // A user's open reminders in each order of the list (reminderOrder), `id` breaking ties: the overdue
    // backlog and today's page read as many entries as they show.
    index('reminders_user_open_idx').on(t.userId, t.scheduledAt, t.id).where(sql`${t.done} = false`),
    index('reminders_user_open_priority_idx')
      .on(t.userId, t.priority.desc().nullsLast(), t.scheduledAt, t.id)
      .where(sql`${t.done} = false`),
    // A user's reminders of one day, done or not (GET /reminders?date=…).
    index('reminders_user_scheduled_idx').on(t.userId, t.scheduledAt, t.id),
    index('reminders_call_idx').on(t.callId),
    index('reminders_open_scheduled_idx').on(t.scheduledAt).where(sql`${t.done} = false`),
  ],
);
