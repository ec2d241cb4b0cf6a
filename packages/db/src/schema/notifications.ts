import { bigint, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { instant } from './columns.ts';
import { notificationTypeEnum } from './enums.ts';
import { users } from './users.ts';

/**
 * Notifications are persisted before they are pushed (outbox): the bigint id is the SSE event id, so a
 * client that reconnects with Last-Event-ID gets exactly what it missed.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: notificationTypeEnum('type').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    link: text('link'),
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
    /** Makes retries safe: one notification per (user, subject, kind), e.g. `reminder_due:<id>`. */
    dedupeKey: text('dedupe_key'),
    /** Individual notifications waiting for a daily/weekly digest are not pushed until then. */
    digestedAt: instant('digested_at'),
    readAt: instant('read_at'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('notifications_user_id_idx').on(t.userId, t.id.desc()),
    uniqueIndex('notifications_dedupe_key').on(t.userId, t.dedupeKey),
  ],
);
