import type { FastifyInstance } from 'fastify';
import {
  IMPORT_ISSUES_SHOWN,
  type ImportDedupeMode,
  type ImportDelimiter,
  type ImportDetail,
  type ImportEncoding,
  type ImportMapping,
  type ImportPreview,
  type ImportRevert,
} from '@ct/contracts';
import type { Tx } from '@ct/db';
import { AppError, notFound } from '../../lib/errors.ts';
import { recordAudit, type RequestContext } from '../audits/audit.repository.ts';
import { loadUserContext } from '../users/index.ts';
import { analyseFile, processRows, type Analysis, type RowSink, type StoredRowError } from './import-pipeline.ts';
import * as repo from './imports.repository.ts';
import { mapImport, mapImportDetail, optionsOf } from './imports.mapper.ts';
import type { SpooledFile } from './upload-spool.ts';

export interface ImportRequest {
  userId: string;
  file: SpooledFile;
  filename: string;
  dedupe: ImportDedupeMode;
  mapping?: ImportMapping | undefined;
  encoding?: ImportEncoding | undefined;
  delimiter?: ImportDelimiter | undefined;
}

export type ImportOutcome =
  | { kind: 'created'; detail: ImportDetail }
  | { kind: 'accepted'; detail: ImportDetail }
  | { kind: 'replayed'; detail: ImportDetail };

/**
 * CSV imports (docs/decisions/0030-import-pipeline.md). A real run is one transaction: every accepted
 * row with its import id, the import's final counts and its audit row commit together, or nothing
 * does. The `imports` row itself is written first, in its own short transaction, so that the same
 * file or Idempotency-Key sent twice finds it, and progress can be read while the import runs.
 */
export function createImportsService(app: FastifyInstance) {
  const { db, clock } = app;
  /** Imports running in this process: live progress, and a way to cancel them on shutdown. */
  const running = new Map<
    string,
    { userId: string; processed: number; abort: AbortController; done: Promise<unknown> }
  >();

  app.addHook('onClose', async () => {
    for (const job of running.values()) job.abort.abort();
    await Promise.allSettled([...running.values()].map((job) => job.done));
  });

  function analyse(request: ImportRequest): Promise<Analysis> {
    return analyseFile(request.file, {
      encoding: request.encoding,
      delimiter: request.delimiter,
      mapping: request.mapping,
      maxRows: app.env.IMPORT_MAX_ROWS,
    });
  }

  /** Rows go nowhere; duplicates are looked up among the user's calls all the same. */
  function dryRunSink(userId: string): RowSink {
    return {
      findByPhones: (phones) => repo.findCallsByPhones(db, userId, phones),
      create: async () => {},
      update: async () => {},
    };
  }

  function transactionSink(tx: Tx, userId: string): RowSink {
    return {
      findByPhones: (phones) => repo.findCallsByPhones(tx, userId, phones),
      create: async (rows, reminders) => {
        if (rows.length) await repo.insertImportedCalls(tx, rows);
        if (reminders.length) await repo.insertReminders(tx, reminders);
      },
      update: async (id, changes, bump, reminder) => {
        await repo.updateCallFromImport(
          tx,
          userId,
          id,
          reminder ? { ...changes, nextReminderAt: reminder.scheduledAt } : changes,
          bump,
        );
        if (reminder) await repo.insertReminders(tx, [reminder]);
      },
    };
  }

  /**
   * The user's imports still marked `running` whose work is gone — the process crashed, or the
   * database connection was lost and even marking them failed did not get through — are failed
   * now: nothing of them was written, and their file may be sent again.
   */
  async function failAbandoned(userId: string) {
    await repo.failImports(
      db,
      { abandonedBy: userId, except: [...running.keys()] },
      'abandoned: the import stopped with the server or its database connection; nothing was written',
      clock.now(),
    );
  }

  /** Runs a claimed import to completion (or failure) inside one transaction. */
  async function run(
    row: repo.ImportSummaryRow,
    request: ImportRequest,
    analysis: Analysis,
    ctx: RequestContext,
    abort: AbortController,
  ): Promise<ImportDetail> {
    const importer = repo.importerOf(await loadUserContext(db, request.userId));
    const job = running.get(row.id);
    // PGlite has one connection, held by the transaction: progress is then kept in memory only.
    const writeProgress = app.database.kind === 'postgres';
    try {
      const { done, rowErrors } = await db.transaction(async (tx) => {
        // Held until the transaction ends, however it ends: what tells other requests it is alive.
        if ((await repo.lockImportRun(tx, row.id)) !== 'running')
          throw new AppError('conflict', 'This import was stopped before it started; send the file again');
        const now = clock.now();
        const result = await processRows(request.file, analysis, {
          userId: request.userId,
          importId: row.id,
          importer,
          dedupe: request.dedupe,
          now,
          sink: transactionSink(tx, request.userId),
          signal: abort.signal,
          onProgress: async (processed) => {
            if (job) job.processed = processed;
            if (writeProgress) await repo.updateImportProgress(db, row.id, processed);
          },
        });
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
      return mapImportDetail(done, rowErrors);
    } catch (err) {
      const reason = err instanceof AppError ? err.message : 'The import failed; nothing was written';
      try {
        await repo.failImports(db, { id: row.id }, reason, clock.now());
        await recordAudit(
          db,
          {
            actorId: request.userId,
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
      throw err;
    }
  }

  /** One import with its progress (live while it runs here) and its first errors and duplicates. */
  async function getDetail(userId: string, id: string): Promise<ImportDetail> {
    let row = await repo.findImportWithErrors(db, userId, id, IMPORT_ISSUES_SHOWN);
    if (row?.status === 'running' && !running.has(id)) {
      await failAbandoned(userId);
      row = await repo.findImportWithErrors(db, userId, id, IMPORT_ISSUES_SHOWN);
    }
    if (!row) throw notFound('Import');
    return mapImportDetail(row, row.errors as StoredRowError[], running.get(id)?.processed);
  }

  return {
    get: getDetail,

    /** `?dryRun=true`: what the import would do, row by row; nothing is written. */
    async preview(request: ImportRequest): Promise<ImportPreview> {
      const analysis = await analyse(request);
      const importer = repo.importerOf(await loadUserContext(db, request.userId));
      const base = {
        dryRun: true as const,
        filename: request.filename,
        encoding: analysis.guess.encoding,
        delimiter: analysis.delimiter,
        headers: analysis.headers,
        mapping: analysis.mapping,
        missingFields: analysis.missing,
        dedupe: request.dedupe,
        totalRows: analysis.totalRows,
      };
      if (analysis.missing.length > 0) {
        // Without a phone column every row would fail the same way: show the file, let the user map it.
        const preview: ImportPreview['preview'] = [];
        return {
          ...base,
          counts: { created: 0, updated: 0, skipped: 0, failed: 0 },
          preview,
          errors: [],
          errorCount: 0,
          duplicates: [],
        };
      }
      const result = await processRows(request.file, analysis, {
        userId: request.userId,
        importId: null,
        importer,
        dedupe: request.dedupe,
        now: clock.now(),
        sink: dryRunSink(request.userId),
      });
      return {
        ...base,
        counts: result.counts,
        preview: result.preview,
        errors: result.errors,
        errorCount: result.errorCount,
        duplicates: result.duplicates,
      };
    },

    /**
     * The real run. The same file (content hash) or the same Idempotency-Key as an earlier import
     * returns that import (`replayed`) and writes nothing; a key reused for another file is a 422.
     * `background`: answer once the import is claimed (202) and finish it in this process.
     */
    async start(
      request: ImportRequest,
      options: { idempotencyKey: string | null; background: boolean; ctx: RequestContext },
    ): Promise<ImportOutcome> {
      const { userId, file } = request;
      await failAbandoned(userId);
      const replay = async (): Promise<ImportOutcome | null> => {
        const previous = await repo.findImportForReplay(db, userId, file.sha256, options.idempotencyKey);
        if (!previous) return null;
        if (
          options.idempotencyKey &&
          previous.idempotencyKey === options.idempotencyKey &&
          previous.contentHash.split('#')[0] !== file.sha256
        ) {
          throw new AppError('unprocessable', 'This Idempotency-Key was already used for another file');
        }
        return { kind: 'replayed', detail: await getDetail(userId, previous.id) };
      };
      const earlier = await replay();
      if (earlier) return earlier;

      const analysis = await analyse(request);
      if (analysis.missing.length > 0) {
        throw new AppError('validation_failed', 'No column of the file is the phone number; send a mapping', [
          { path: 'mapping', message: `Map one of these columns to "phone": ${analysis.headers.join(', ')}` },
        ]);
      }

      let row: repo.ImportSummaryRow;
      try {
        row = await repo.insertImport(db, {
          userId,
          filename: request.filename,
          contentHash: file.sha256,
          idempotencyKey: options.idempotencyKey,
          status: 'running',
          encoding: analysis.guess.encoding,
          delimiter: analysis.delimiter,
          mapping: Object.fromEntries(Object.entries(analysis.mapping).filter(([, field]) => field !== null)) as Record<
            string,
            string
          >,
          options: { dedupe: request.dedupe },
          totalRows: analysis.totalRows,
          createdAt: clock.now(),
        });
      } catch (err) {
        // The same file or key, sent twice at once: the other request claimed it first.
        if (
          (err as { code?: string; cause?: { code?: string } }).code === '23505' ||
          (err as { cause?: { code?: string } }).cause?.code === '23505'
        ) {
          const other = await replay();
          if (other) return other;
        }
        throw err;
      }

      const abort = new AbortController();
      const job = { userId, processed: 0, abort, done: Promise.resolve() as Promise<unknown> };
      running.set(row.id, job);
      const work = run(row, request, analysis, options.ctx, abort).finally(() => {
        running.delete(row.id);
        return file.remove();
      });
      job.done = work.catch(() => {});
      if (!options.background) return { kind: 'created', detail: await work };
      work.catch((err: unknown) => app.log.warn({ err, importId: row.id }, 'background import failed'));
      return { kind: 'accepted', detail: mapImportDetail(row, []) };
    },

    async list(userId: string, page: number, pageSize: number) {
      await failAbandoned(userId);
      const { rows, total } = await repo.listImports(db, userId, page, pageSize);
      return { items: rows.map((r) => mapImport(r, running.get(r.id)?.processed)), page, pageSize, total };
    },

    /** The rejected rows as a CSV: the file's own columns, then the line and the error(s). */
    async errorRows(userId: string, id: string) {
      const row = await repo.findImportRowErrors(db, userId, id);
      if (!row) throw notFound('Import');
      const importer = repo.importerOf(await loadUserContext(db, userId));
      const options = optionsOf(row);
      const width = Math.max(
        options.headers?.length ?? 0,
        ...(row.rowErrors as StoredRowError[]).map((r) => r.cells.length),
      );
      const headers = Array.from({ length: width }, (_, i) => options.headers?.[i] ?? `Colonne ${i + 1}`);
      const fr = importer.language === 'fr';
      return {
        filename: row.filename,
        delimiter: row.delimiter ?? (fr ? ';' : ','),
        header: [...headers, fr ? 'Ligne' : 'Line', fr ? 'Erreur' : 'Error'],
        rows: (row.rowErrors as StoredRowError[]).map((r) => [
          ...Array.from({ length: width }, (_, i) => r.cells[i] ?? ''),
          String(r.line),
          r.issues.map((i) => (i.column ? `${i.column} : ${i.message}` : i.message)).join(' ; '),
        ]),
      };
    },

    /**
     * Soft-deletes the calls this import created and nobody changed since (still at version 1);
     * edited ones are kept and listed. Their open reminders are closed as a delete would, with the
     * per-call audit row that lets POST /calls/:id/restore reopen them.
     */
    async revert(userId: string, id: string, ctx: RequestContext): Promise<ImportRevert> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const row = await repo.findImport(tx, userId, id, { lock: true });
        if (!row) throw notFound('Import');
        if (row.status !== 'completed') {
          const why = {
            running: 'is still running',
            failed: 'failed and wrote nothing',
            reverted: 'was already reverted',
          }[row.status];
          throw new AppError('conflict', `This import ${why}`);
        }
        const before = await repo.importCallsState(tx, userId, id);
        const deletedIds = await repo.softDeleteUntouchedImportCalls(tx, userId, id, now);
        const closed = await repo.closeRemindersOfCalls(tx, deletedIds, now);
        const byCall = new Map<string, string[]>();
        for (const r of closed) byCall.set(r.callId, [...(byCall.get(r.callId) ?? []), r.id]);
        await repo.insertAudits(
          tx,
          [...byCall].map(([callId, reminderIds]) => ({
            actorId: userId,
            action: 'sensitive_delete',
            targetType: 'call',
            targetId: callId,
            meta: { importId: id, reason: 'import_reverted', closedReminderIds: reminderIds },
            ip: ctx.ip,
            userAgent: ctx.userAgent?.slice(0, 512) ?? null,
            requestId: ctx.requestId,
          })),
        );
        const deleted = new Set(deletedIds);
        const keptEdited = before.liveIds.filter((callId) => !deleted.has(callId));
        const reverted = await repo.markReverted(tx, id, now);
        await recordAudit(
          tx,
          {
            actorId: userId,
            action: 'import_reverted',
            targetType: 'import',
            targetId: id,
            meta: { reverted: deletedIds.length, keptEdited: keptEdited.length, alreadyDeleted: before.deletedCount },
          },
          ctx,
        );
        return {
          import: mapImport(reverted),
          reverted: deletedIds.length,
          keptEdited,
          alreadyDeleted: before.deletedCount,
        };
      });
    },
  };
}

export type ImportsService = ReturnType<typeof createImportsService>;
