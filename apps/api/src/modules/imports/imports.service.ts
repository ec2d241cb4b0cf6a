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
import { AppError, notFound } from '../../lib/errors.ts';
import type { RequestContext } from '../../lib/request-context.ts';
import { analyseFile, processRows, type Analysis, type StoredRowError } from './import-pipeline.ts';
import { revertImport } from './import-revert.ts';
import { undoUnfinishedRun } from './import-undo.ts';
import { runImport } from './import-run.ts';
import { dryRunSink, listSink, type ImportTarget } from './import-sinks.ts';
import { findList, listIdsOfTeam } from '../lists/index.ts';
import { teamAccess, type Viewer } from '../teams/index.ts';
import * as repo from './imports.repository.ts';
import { importerOf, mapImport, mapImportDetail, optionsOf } from './imports.mapper.ts';
import { loadUserContext } from '../users/index.ts';
import { createRunningImports } from './running-imports.ts';
import type { SpooledFile } from './upload-spool.ts';
import type { Executor } from '@ct/db';
import { isUniqueViolation } from '../../lib/sql.ts';

export interface ImportRequest {
  userId: string;
  file: SpooledFile;
  filename: string;
  dedupe: ImportDedupeMode;
  mapping?: ImportMapping | undefined;
  encoding?: ImportEncoding | undefined;
  delimiter?: ImportDelimiter | undefined;
  /** Straight into a team list (checked by `importTarget`). */
  target?: ImportTarget | undefined;
}

/**
 * The team list an import goes into: a lead of its team or an admin (a member: 403; anyone else, or
 * no such list: 404), never an archived list (409 `list_archived`).
 */
export async function importTarget(db: Executor, viewer: Viewer, listId: string): Promise<ImportTarget> {
  const list = await findList(db, listId);
  if (!list) throw notFound('List');
  let canEdit: boolean;
  try {
    canEdit = (await teamAccess(db, viewer, list.teamId)).canEditLists;
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') throw notFound('List');
    throw err;
  }
  if (!canEdit) throw new AppError('forbidden', 'Only a lead of this team or an admin can import into its lists');
  if (list.archivedAt) throw new AppError('list_archived', 'An archived list takes no new calls');
  return { listId, teamListIds: await listIdsOfTeam(db, list.teamId) };
}

export type ImportOutcome =
  | { kind: 'created'; detail: ImportDetail }
  | { kind: 'accepted'; detail: ImportDetail }
  | { kind: 'replayed'; detail: ImportDetail };

/**
 * CSV imports (docs/decisions/0030-import-pipeline.md): the file is analysed, the `imports` row is
 * claimed in its own short transaction — so the same file or Idempotency-Key sent twice finds it, and
 * progress can be read while it runs — then `runImport` writes it in one transaction. The pieces:
 * `import-pipeline.ts` (the row pass), `import-sinks.ts` (where its batches go), `import-run.ts` (the
 * real run), `running-imports.ts` (the runs of this process), `import-revert.ts` (undoing one).
 */
export function createImportsService(app: FastifyInstance) {
  const { db, clock } = app;
  const running = createRunningImports(app);

  function analyse(request: ImportRequest): Promise<Analysis> {
    return analyseFile(request.file, {
      encoding: request.encoding,
      delimiter: request.delimiter,
      mapping: request.mapping,
      maxRows: app.env.IMPORT_MAX_ROWS,
    });
  }

  /**
   * The user's imports still marked `running` whose work is gone — the process crashed, or the
   * database connection was lost and even marking them failed did not get through — are failed
   * now: nothing of them was written (embedded, once what their batches wrote is undone), and their
   * file may be sent again. `userId` null: every user's, when the embedded database opens.
   */
  async function failAbandoned(userId: string | null) {
    for (const id of await repo.findAbandonedImports(db, userId, running.ids())) {
      if (app.database.kind === 'pglite') await undoUnfinishedRun(app, id);
      await repo.failImport(
        db,
        id,
        'abandoned: the import stopped with the server or its database connection; nothing was written',
        clock.now(),
      );
    }
  }

  // One process owns the embedded database: what is `running` when it opens was cut short by the last
  // stop. Not fatal (an app built to print its OpenAPI document has no schema): the user's next look
  // at their imports does the same.
  if (app.database.kind === 'pglite')
    app.addHook('onReady', async () => {
      try {
        await failAbandoned(null);
      } catch (err) {
        app.log.warn({ err }, 'could not undo the imports cut short by the last stop');
      }
    });

  /** One import with its progress (live while it runs here) and its first errors and duplicates. */
  async function getDetail(userId: string, id: string): Promise<ImportDetail> {
    let row = await repo.findImportWithErrors(db, userId, id, IMPORT_ISSUES_SHOWN);
    if (row?.status === 'running' && !running.has(id)) {
      await failAbandoned(userId);
      row = await repo.findImportWithErrors(db, userId, id, IMPORT_ISSUES_SHOWN);
    }
    if (!row) throw notFound('Import');
    return mapImportDetail(row, row.errors as StoredRowError[], running.processedOf(id));
  }

  return {
    get: getDetail,

    /** `?dryRun=true`: what the import would do, row by row; nothing is written. */
    async preview(request: ImportRequest): Promise<ImportPreview> {
      const analysis = await analyse(request);
      const importer = importerOf(await loadUserContext(db, request.userId));
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
        sink: request.target
          ? listSink(dryRunSink(db, request.userId), db, request.userId, request.target).sink
          : dryRunSink(db, request.userId),
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
      // One file imported into two lists is two imports (the same file into the same list, a replay).
      const contentKey = request.target ? `${file.sha256}@list:${request.target.listId}` : file.sha256;
      await failAbandoned(userId);
      const replay = async (): Promise<ImportOutcome | null> => {
        const previous = await repo.findImportForReplay(db, userId, contentKey, options.idempotencyKey);
        if (!previous) return null;
        if (
          options.idempotencyKey &&
          previous.idempotencyKey === options.idempotencyKey &&
          previous.contentHash.split('#')[0] !== contentKey
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
          contentHash: contentKey,
          idempotencyKey: options.idempotencyKey,
          status: 'running',
          encoding: analysis.guess.encoding,
          delimiter: analysis.delimiter,
          mapping: Object.fromEntries(Object.entries(analysis.mapping).filter(([, field]) => field !== null)) as Record<
            string,
            string
          >,
          options: { dedupe: request.dedupe, ...(request.target ? { listId: request.target.listId } : {}) },
          totalRows: analysis.totalRows,
          createdAt: clock.now(),
        });
      } catch (err) {
        // The same file or key, sent twice at once: the other request claimed it first.
        if (isUniqueViolation(err)) {
          const other = await replay();
          if (other) return other;
        }
        throw err;
      }

      const work = running.track(
        row.id,
        userId,
        (handle) => runImport(app, row, request, analysis, options.ctx, handle),
        () => file.remove(),
      );
      if (!options.background) return { kind: 'created', detail: await work };
      work.catch((err: unknown) => app.log.warn({ err, importId: row.id }, 'background import failed'));
      return { kind: 'accepted', detail: mapImportDetail(row, []) };
    },

    async list(userId: string, page: number, pageSize: number) {
      await failAbandoned(userId);
      const { rows, total } = await repo.listImports(db, userId, page, pageSize);
      return { items: rows.map((r) => mapImport(r, running.processedOf(r.id))), page, pageSize, total };
    },

    /** The rejected rows as a CSV: the file's own columns, then the line and the error(s). */
    async errorRows(userId: string, id: string) {
      const row = await repo.findImportRowErrors(db, userId, id);
      if (!row) throw notFound('Import');
      const importer = importerOf(await loadUserContext(db, userId));
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

    /** Undoes a completed import (import-revert.ts). */
    async revert(userId: string, id: string, ctx: RequestContext): Promise<ImportRevert> {
      return revertImport(app, userId, id, ctx);
    },
  };
}

export type ImportsService = ReturnType<typeof createImportsService>;
