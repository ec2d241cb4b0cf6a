import type { FastifyInstance } from 'fastify';
import type { ImportDetail } from '@ct/contracts';
import type { Executor, Tx } from '@ct/db';
import { AppError } from '../../lib/errors.ts';
import { refreshAfterBulkChange } from '../../lib/table-statistics.ts';
import type { RequestContext } from '../../lib/request-context.ts';
import { recordAudit } from '../audits/index.ts';
import { processRows, type Analysis, type RowSink, type RunResult } from './import-pipeline.ts';
import { clearImportUndo, putCallsOnList } from '../calls/index.ts';
import { committingSink, listSink, transactionSink } from './import-sinks.ts';
import { undoUnfinishedRun } from './import-undo.ts';
import * as repo from './imports.repository.ts';
import { importerOf, mapImportDetail, optionsOf } from './imports.mapper.ts';
import { loadUserContext } from '../users/index.ts';
import type { ImportRequest } from './imports.service.ts';
import type { RunHandle } from './running-imports.ts';

/**
 * Runs a claimed import to completion. On PostgreSQL, inside one transaction: every accepted row, the
 * import's final counts and its audit row commit together, or nothing does
 * (docs/decisions/0030-import-pipeline.md). On the embedded database, whose one connection a long
 * transaction would hold from every other request, each batch commits on its own and the run ends
 * with one short transaction for the counts and the audit row; a run that fails is undone
 * (decision 0112). On failure the import is marked failed (with an audit row) afterwards.
 */
export async function runImport(
  app: FastifyInstance,
  row: repo.ImportSummaryRow,
  request: ImportRequest,
  analysis: Analysis,
  ctx: RequestContext,
  handle: RunHandle,
): Promise<ImportDetail> {
  const { db, clock } = app;
  const importer = importerOf(await loadUserContext(db, request.userId));
  const batchByBatch = app.database.kind === 'pglite';
  const rowsInto = (base: RowSink, executor: Executor) => {
    const intoList = request.target ? listSink(base, executor, request.userId, request.target) : null;
    const run = processRows(request.file, analysis, {
      userId: request.userId,
      importId: row.id,
      importer,
      dedupe: request.dedupe,
      now: clock.now(),
      sink: intoList?.sink ?? base,
      signal: handle.signal,
      onProgress: async (processed) => {
        handle.progress(processed);
        // In the run's transaction (PostgreSQL) progress goes on its own connection; embedded, between batches.
        await repo.updateImportProgress(db, row.id, processed);
      },
    });
    return { run, matched: intoList?.matched ?? null };
  };
  const complete = async (tx: Tx, result: RunResult, matched: Map<string, string | null> | null) => {
    if (request.target && matched)
      await putOnList(
        tx,
        { listId: request.target.listId, importId: row.id, actorId: request.userId },
        matched,
        result.counts.created,
        ctx,
      );
    const completed = await repo.completeImport(tx, row.id, {
      createdCount: result.counts.created,
      updatedCount: result.counts.updated,
      skippedCount: result.counts.skipped,
      failedCount: result.counts.failed,
      processedRows: analysis.totalRows,
      rowErrors: result.rowErrors,
      options: { ...optionsOf(row), headers: analysis.headers, duplicates: result.duplicates },
      finishedAt: clock.now(),
    });
    await recordAudit(
      tx,
      {
        actorId: request.userId,
        action: 'upload_complete',
        targetType: 'import',
        targetId: row.id,
        meta: { filename: row.filename, totalRows: analysis.totalRows, ...result.counts },
      },
      ctx,
    );
    if (batchByBatch) await clearImportUndo(tx, row.id);
    return { done: completed, rowErrors: result.rowErrors };
  };
  // Embedded: one process owns the database, so the registry (running-imports.ts) is the run's lock.
  const batchByBatchRun = async () => {
    if ((await repo.findImportStatus(db, row.id)) !== 'running') throw stoppedBeforeStart();
    const { run, matched } = rowsInto(committingSink(db, request.userId, row.id), db);
    const result = await run;
    return db.transaction((tx) => complete(tx, result, matched));
  };
  const oneTransactionRun = () =>
    db.transaction(async (tx) => {
      // Held until the transaction ends, however it ends: what tells other requests it is alive.
      if ((await repo.lockImportRun(tx, row.id)) !== 'running') throw stoppedBeforeStart();
      const { run, matched } = rowsInto(transactionSink(tx, request.userId), tx);
      return complete(tx, await run, matched);
    });
  try {
    const { done, rowErrors } = await (batchByBatch ? batchByBatchRun() : oneTransactionRun());
    // Fresh statistics before the user opens the calls they just imported (see lib/table-statistics.ts).
    await refreshAfterBulkChange(app, done.createdCount + done.updatedCount, ['calls', 'reminders']);
    return mapImportDetail(done, rowErrors);
  } catch (err) {
    const reason = err instanceof AppError ? err.message : 'The import failed; nothing was written';
    try {
      if (batchByBatch) await undoUnfinishedRun(app, row.id);
      await markFailed(app, row, request.userId, reason, ctx);
    } catch (markErr) {
      // The database itself is gone (a restart, a shutdown): the row stays "running" until a request of
      // the user finds it abandoned (failAbandoned) and fails it then — embedded, after undoing it.
      app.log.warn({ err: markErr, importId: row.id }, 'could not mark the import failed');
    }
    throw err;
  }
}

const stoppedBeforeStart = () => new AppError('conflict', 'This import was stopped before it started; send the file again');

/**
 * An import into a list: the existing calls its rows fell on go on the list too (a call from another
 * list of the team is moved, as POST /lists/:id/calls does), and the list's audit row says how many
 * calls it gained.
 */
async function putOnList(
  tx: Tx,
  to: { listId: string; importId: string; actorId: string },
  matched: Map<string, string | null>,
  created: number,
  ctx: RequestContext,
) {
  const callIds = [...matched.keys()];
  await putCallsOnList(tx, to.listId, callIds);
  if (created + callIds.length === 0) return;
  await recordAudit(
    tx,
    {
      actorId: to.actorId,
      action: 'list_calls_added',
      targetType: 'team_list',
      targetId: to.listId,
      meta: {
        added: created + callIds.length,
        moved: [...matched.values()].filter((from) => from !== null).length,
        callIds,
        importId: to.importId,
      },
    },
    ctx,
  );
}

async function markFailed(
  app: FastifyInstance,
  row: repo.ImportSummaryRow,
  userId: string,
  reason: string,
  ctx: RequestContext,
): Promise<void> {
  await repo.failImport(app.db, row.id, reason, app.clock.now());
  await recordAudit(
    app.db,
    {
      actorId: userId,
      action: 'upload_complete',
      targetType: 'import',
      targetId: row.id,
      outcome: 'failure',
      meta: { filename: row.filename, reason },
    },
    ctx,
  );
}
