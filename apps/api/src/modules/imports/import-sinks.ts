import type { Executor, Tx } from '@ct/db';
import {
  findCallsByPhones,
  findMovableCalls,
  insertImportedCalls,
  insertReminders,
  keepImportUndo,
  updateCallFromImport,
} from '../calls/index.ts';
import { yieldToEventLoop, type BatchWrite, type RowSink } from './import-pipeline.ts';

/**
 * Where the row pass sends its batches. Both look duplicates up among the user's calls, so the
 * preview says what the real run does.
 */

/** A dry run: rows go nowhere. */
export function dryRunSink(db: Executor, userId: string): RowSink {
  return {
    findByPhones: (phones) => findCallsByPhones(db, userId, phones),
    write: async () => {},
  };
}

/** Writes one batch with `db` (the run's transaction, or the batch's own). */
async function writeBatch(db: Executor, userId: string, batch: BatchWrite): Promise<void> {
  if (batch.rows.length) await insertImportedCalls(db, batch.rows);
  if (batch.reminders.length) await insertReminders(db, batch.reminders);
  for (const [id, { changes, bump, reminder }] of batch.updates) {
    await updateCallFromImport(
      db,
      userId,
      id,
      reminder ? { ...changes, nextReminderAt: reminder.scheduledAt } : changes,
      bump,
    );
    if (reminder) await insertReminders(db, [reminder]);
  }
}

/** A real run on PostgreSQL: every batch is written in the run's transaction (so lookups see earlier batches). */
export function transactionSink(tx: Tx, userId: string): RowSink {
  return {
    findByPhones: (phones) => findCallsByPhones(tx, userId, phones),
    write: (batch) => writeBatch(tx, userId, batch),
  };
}

/** Rows per transaction on the embedded database: each holds the one connection for ~50 ms. */
const COMMIT_ROWS = 250;

/**
 * A real run on the embedded database (decision 0112): each batch commits in short transactions of
 * COMMIT_ROWS rows, so the one connection is free for other users' requests in between. What a batch
 * changes in calls that existed before the run is kept first (`import_undo`), in the batch's first
 * transaction with the changes: a run that fails or is abandoned is undone from there (import-undo.ts).
 */
export function committingSink(db: Executor, userId: string, importId: string): RowSink {
  return {
    findByPhones: (phones) => findCallsByPhones(db, userId, phones),
    write: async (batch) => {
      const remindersOf = new Map<string, BatchWrite['reminders']>();
      for (const r of batch.reminders) remindersOf.set(r.callId, [...(remindersOf.get(r.callId) ?? []), r]);
      for (let i = 0; i === 0 || i < batch.rows.length; i += COMMIT_ROWS) {
        const rows = batch.rows.slice(i, i + COMMIT_ROWS);
        const part: BatchWrite = {
          rows,
          reminders: rows.flatMap((row) => remindersOf.get(row.id!) ?? []),
          updates: i === 0 ? batch.updates : new Map(),
        };
        await db.transaction(async (tx) => {
          const changed = [...part.updates].map(([callId, u]) => ({ callId, reminderId: u.reminder?.id ?? null }));
          await keepImportUndo(tx, userId, importId, changed);
          await writeBatch(tx, userId, part);
        });
        // PGlite answers without an I/O wait: without this the next transaction would start before
        // any request that arrived meanwhile got its turn.
        await yieldToEventLoop();
      }
    },
  };
}

/** The team list an import goes straight into, and the lists of its team. */
export interface ImportTarget {
  listId: string;
  teamListIds: string[];
}

/**
 * An import into a team list: the calls it creates are on the list, and a duplicate is one of the
 * importer's calls they could put on the list themselves (POST /lists/:id/calls) — personal, or on a
 * list of the same team. Another match (on another team's list) is not this list's business: the row
 * creates a new call. `matched` collects the existing calls the rows fell on that are not on the list
 * yet, for the run to put there once the rows are written.
 */
export function listSink(base: RowSink, db: Executor, userId: string, target: ImportTarget) {
  const matched = new Map<string, string | null>();
  const sink: RowSink = {
    findByPhones: async (phones) => {
      const rows = await base.findByPhones(phones);
      if (rows.length === 0) return rows;
      const movable = new Map(
        (
          await findMovableCalls(
            db,
            userId,
            target.teamListIds,
            rows.map((r) => r.id),
          )
        ).map((c) => [c.id, c.listId]),
      );
      const kept = rows.filter((r) => movable.has(r.id));
      // The pipeline takes the first call of each phone: that one is the duplicate.
      const first = new Set<string>();
      for (const row of kept) {
        if (!row.phoneE164 || first.has(row.phoneE164)) continue;
        first.add(row.phoneE164);
        const listId = movable.get(row.id) ?? null;
        if (listId !== target.listId) matched.set(row.id, listId);
      }
      return kept;
    },
    write: (batch) => base.write({ ...batch, rows: batch.rows.map((r) => ({ ...r, listId: target.listId })) }),
  };
  return { sink, matched };
}
