import type { FastifyInstance } from 'fastify';
import type { ImportDetail } from '@ct/contracts';
import type { Tx } from '@ct/db';
import { AppError } from '../../lib/errors.ts';
import { refreshAfterBulkChange } from '../../lib/table-statistics.ts';
import type { RequestContext } from '../../lib/request-context.ts';
import { recordAudit } from '../audits/index.ts';
import { processRows, type Analysis } from './import-pipeline.ts';
import { putCallsOnList } from '../calls/index.ts';
import { listSink, transactionSink } from './import-sinks.ts';
import * as repo from './imports.repository.ts';
import { importerOf, mapImportDetail, optionsOf } from './imports.mapper.ts';
import { loadUserContext } from '../users/index.ts';
import type { ImportRequest } from './imports.service.ts';
import type { RunHandle } from './running-imports.ts';

/**
 * Runs a claimed import to completion inside one transaction: every accepted row, the import's final
 * counts and its audit row commit together, or nothing does (docs/decisions/0030-import-pipeline.md).
 * On failure the import is marked failed (with an audit row) outside the rolled-back transaction.
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
  // PGlite has one connection, held by the transaction: progress is then kept in memory only.
  const writeProgress = app.database.kind === 'postgres';
  try {
    const { done, rowErrors } = await db.transaction(async (tx) => {
      // Held until the transaction ends, however it ends: what tells other requests it is alive.
      if ((await repo.lockImportRun(tx, row.id)) !== 'running')
        throw new AppError('conflict', 'This import was stopped before it started; send the file again');
      const now = clock.now();
      const base = transactionSink(tx, request.userId);
      const intoList = request.target ? listSink(base, tx, request.userId, request.target) : null;
      const result = await processRows(request.file, analysis, {
        userId: request.userId,
        importId: row.id,
        importer,
        dedupe: request.dedupe,
        now,
        sink: intoList?.sink ?? base,
        signal: handle.signal,
        onProgress: async (processed) => {
          handle.progress(processed);
          if (writeProgress) await repo.updateImportProgress(db, row.id, processed);
        },
      });
      if (request.target && intoList)
        await putOnList(
          tx,
          { listId: request.target.listId, importId: row.id, actorId: request.userId },
          intoList.matched,
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
      return { done: completed, rowErrors: result.rowErrors };
    });
    // Fresh statistics before the user opens the calls they just imported (see lib/table-statistics.ts).
    await refreshAfterBulkChange(app, done.createdCount + done.updatedCount, ['calls', 'reminders']);
    return mapImportDetail(done, rowErrors);
  } catch (err) {
    await markFailed(app, row, request.userId, err instanceof AppError ? err.message : 'The import failed; nothing was written', ctx);
    throw err;
  }
}

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
  try {
    await repo.failImports(app.db, { id: row.id }, reason, app.clock.now());
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
  } catch (markErr) {
    // The database itself is gone (a restart, a shutdown): the row stays "running" until a request of
    // the user finds no transaction holding it (failAbandoned) and fails it then.
    app.log.warn({ err: markErr, importId: row.id }, 'could not mark the import failed');
  }
}
