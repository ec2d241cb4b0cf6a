import { index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { instant } from './columns.ts';
import { users } from './users.ts';

export const imports = pgTable(
  'imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    filename: text('filename').notNull(),
    contentHash: text('content_hash').notNull(),
    idempotencyKey: text('idempotency_key'),
    status: text('status', { enum: ['running', 'completed', 'failed', 'reverted'] }).notNull(),
    encoding: text('encoding'),
    delimiter: text('delimiter'),
    mapping: jsonb('mapping').$type<Record<string, string>>().notNull().default({}),
    options: jsonb('options').$type<Record<string, unknown>>().notNull().default({}),
    totalRows: integer('total_rows').notNull().default(0),
    processedRows: integer('processed_rows').notNull().default(0),
    createdCount: integer('created_count').notNull().default(0),
    updatedCount: integer('updated_count').notNull().default(0),
    skippedCount: integer('skipped_count').notNull().default(0),
    failedCount: integer('failed_count').notNull().default(0),
    /** Rejected rows with their error, for errors.csv. */
    rowErrors: jsonb('row_errors').$type<unknown[]>().notNull().default([]),
    createdAt: instant('created_at').notNull().defaultNow(),
    finishedAt: instant('finished_at'),
    revertedAt: instant('reverted_at'),
  },
  (t) => [
    index('imports_user_idx').on(t.userId, t.createdAt.desc()),
    uniqueIndex('imports_user_hash_key').on(t.userId, t.contentHash),
    uniqueIndex('imports_user_idem_key').on(t.userId, t.idempotencyKey),
  ],
);

/**
 * What an import written in several transactions (the embedded database, decision 0112) changed in
 * calls that existed before it: each call's values before its first update by the import, and the
 * reminders the import added to it. Read only to undo a run that failed or was abandoned; emptied
 * when the run completes.
 */
export const importUndo = pgTable(
  'import_undo',
  {
    importId: uuid('import_id')
      .notNull()
      .references(() => imports.id, { onDelete: 'cascade' }),
    callId: uuid('call_id').notNull(),
    /** The columns an import may change, as they were (jsonb keyed by column name). */
    before: jsonb('before').$type<Record<string, unknown>>().notNull(),
    reminderIds: uuid('reminder_ids').array().notNull().default([]),
  },
  (t) => [primaryKey({ columns: [t.importId, t.callId] })],
);
