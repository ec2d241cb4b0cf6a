import type { FastifyInstance } from 'fastify';
import { refreshAfterBulkChange } from '../../lib/table-statistics.ts';
import { deleteImportCalls, undoImportChanges } from '../calls/index.ts';

/** Calls deleted per transaction: each is short, so other requests run between them. */
const DELETE_CHUNK = 1_000;

/**
 * Takes back what an unfinished run wrote batch by batch (the embedded database, decision 0112), so
 * that a failed or abandoned import wrote nothing, as on PostgreSQL where its one transaction rolls
 * back: the existing calls it changed get their columns back and lose the reminders it added (one
 * transaction), then the calls it created are deleted, a thousand per transaction. Each step can be
 * run again: an undo cut short by a crash is finished at the next start. The import row is the
 * caller's to mark failed, after this returned. On PostgreSQL there is nothing to take back and it
 * costs two short statements.
 */
export async function undoUnfinishedRun(app: FastifyInstance, importId: string): Promise<number> {
  await app.db.transaction((tx) => undoImportChanges(tx, importId, app.clock.now()));
  let deleted = 0;
  for (;;) {
    const n = await app.db.transaction((tx) => deleteImportCalls(tx, importId, DELETE_CHUNK));
    deleted += n;
    if (n < DELETE_CHUNK) break;
  }
  if (deleted > 0) app.log.info({ importId, deleted }, 'unfinished import undone');
  await refreshAfterBulkChange(app, deleted, ['calls', 'reminders']);
  return deleted;
}
