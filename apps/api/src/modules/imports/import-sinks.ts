import type { Executor, Tx } from '@ct/db';
import { findCallsByPhones, insertImportedCalls, insertReminders, updateCallFromImport } from '../calls/index.ts';
import type { RowSink } from './import-pipeline.ts';

/**
 * Where the row pass sends its batches. Both look duplicates up among the user's calls, so the
 * preview says what the real run does.
 */

/** A dry run: rows go nowhere. */
export function dryRunSink(db: Executor, userId: string): RowSink {
  return {
    findByPhones: (phones) => findCallsByPhones(db, userId, phones),
    create: async () => {},
    update: async () => {},
  };
}

/** A real run: every batch is written in the run's transaction (so lookups see earlier batches). */
export function transactionSink(tx: Tx, userId: string): RowSink {
  return {
    findByPhones: (phones) => findCallsByPhones(tx, userId, phones),
    create: async (rows, reminders) => {
      if (rows.length) await insertImportedCalls(tx, rows);
      if (reminders.length) await insertReminders(tx, reminders);
    },
    update: async (id, changes, bump, reminder) => {
      await updateCallFromImport(
        tx,
        userId,
        id,
        reminder ? { ...changes, nextReminderAt: reminder.scheduledAt } : changes,
        bump,
      );
      if (reminder) await insertReminders(tx, [reminder]);
    },
  };
}
