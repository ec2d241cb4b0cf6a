import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { instant } from './columns.ts';
import { callStatusEnum } from './enums.ts';
import { calls } from './calls.ts';
import { users } from './users.ts';

/** One row per call attempt (or status change), append-only. */
export const callStatusHistory = pgTable(
  'call_status_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    /** The owner of the call, denormalised so "today's calls" is one index range scan. */
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: callStatusEnum('status').notNull(),
    note: text('note').notNull().default(''),
    occurredAt: instant('occurred_at').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('history_user_occurred_idx').on(t.userId, t.occurredAt.desc()),
    index('history_call_occurred_idx').on(t.callId, t.occurredAt.desc()),
  ],
);
