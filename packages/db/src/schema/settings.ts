import { boolean, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { WorkHours } from '@ct/contracts';
import { timestamps } from './columns.ts';
import { callStatusEnum } from './enums.ts';
import { users } from './users.ts';

export const settings = pgTable('settings', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  workHours: jsonb('work_hours').$type<WorkHours>().notNull(),
  defaultReminderSlot: text('default_reminder_slot').notNull(),
  defaultStatusAfterCall: callStatusEnum('default_status_after_call').notNull(),
  confirmBeforeDelete: boolean('confirm_before_delete').notNull(),
  remindersOrder: text('reminders_order').notNull(),
  preReminderDelay: integer('pre_reminder_delay').notNull(),
  maxAttempts: integer('max_attempts').notNull(),
  phoneRegion: text('phone_region').notNull(),
  enableReminders: boolean('enable_reminders').notNull(),
  enableNotifications: boolean('enable_notifications').notNull(),
  notifReminder: boolean('notif_reminder').notNull(),
  notifCalls: boolean('notif_calls').notNull(),
  notifFraud: boolean('notif_fraud').notNull(),
  notifTeam: boolean('notif_team').notNull().default(true),
  notifFrequency: text('notif_frequency').notNull(),
  urgentHighlight: boolean('urgent_highlight').notNull(),
  ...timestamps,
});
