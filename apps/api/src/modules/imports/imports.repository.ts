import { and, count, desc, eq, notInArray, sql, type SQL } from 'drizzle-orm';
import { imports, type Executor, type Tx } from '@ct/db';

export type ImportRow = typeof imports.$inferSelect;
export type ImportInsert = typeof imports.$inferInsert;
/** An import without its (possibly large) row_errors. */
export type ImportSummaryRow = Omit<ImportRow, 'rowErrors'>;

/** What the import stores in `imports.options` besides the client's choices. */
export interface ImportOptions {
  dedupe: 'skip' | 'update';
  headers?: string[];
  /** Duplicate notices (the first IMPORT_ISSUES_SHOWN). */
  duplicates?: unknown[];
  failure?: string;
}

const summaryColumns = {
  id: imports.id,
  userId: imports.userId,
  filename: imports.filename,
  contentHash: imports.contentHash,
  idempotencyKey: imports.idempotencyKey,
  status: imports.status,
  encoding: imports.encoding,
  delimiter: imports.delimiter,
  mapping: imports.mapping,
  options: imports.options,
  totalRows: imports.totalRows,
  processedRows: imports.processedRows,
  createdCount: imports.createdCount,
  updatedCount: imports.updatedCount,
  skippedCount: imports.skippedCount,
  failedCount: imports.failedCount,
  createdAt: imports.createdAt,
  finishedAt: imports.finishedAt,
  revertedAt: imports.revertedAt,
};

export async function insertImport(db: Executor, row: ImportInsert): Promise<ImportSummaryRow> {
  const [inserted] = await db.insert(imports).values(row).returning(summaryColumns);
  if (!inserted) throw new Error('import insert returned nothing');
  return inserted;
}

export async function findImport(
  db: Executor,
  userId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<ImportSummaryRow | undefined> {
  const query = db
    .select(summaryColumns)
    .from(imports)
    .where(and(eq(imports.id, id), eq(imports.userId, userId)))
    .limit(1);
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

/** An import with the first `limit` of its row errors (sliced in SQL: the column may hold 100k). */
export async function findImportWithErrors(db: Executor, userId: string, id: string, limit: number) {
  const [row] = await db
    .select({
      ...summaryColumns,
      errors: sql<unknown[]>`jsonb_path_query_array(${imports.rowErrors}, ${`$[0 to ${limit - 1}]`}::jsonpath)`,
    })
    .from(imports)
    .where(and(eq(imports.id, id), eq(imports.userId, userId)))
    .limit(1);
  return row;
}

export async function findImportRowErrors(db: Executor, userId: string, id: string) {
  const [row] = await db
    .select({ ...summaryColumns, rowErrors: imports.rowErrors })
    .from(imports)
    .where(and(eq(imports.id, id), eq(imports.userId, userId)))
    .limit(1);
  return row;
}

/** A previous import of the same file (content hash) or with the same Idempotency-Key. */
export async function findImportForReplay(
  db: Executor,
  userId: string,
  contentHash: string,
  idempotencyKey: string | null,
): Promise<ImportSummaryRow | undefined> {
  if (idempotencyKey) {
    const [byKey] = await db
      .select(summaryColumns)
      .from(imports)
      .where(and(eq(imports.userId, userId), eq(imports.idempotencyKey, idempotencyKey)))
      .limit(1);
    if (byKey) return byKey;
  }
  const [byHash] = await db
    .select(summaryColumns)
    .from(imports)
    .where(and(eq(imports.userId, userId), eq(imports.contentHash, contentHash)))
    .limit(1);
  return byHash;
}

export async function listImports(db: Executor, userId: string, page: number, pageSize: number) {
  const [rows, totals] = await Promise.all([
    db
      .select(summaryColumns)
      .from(imports)
      .where(eq(imports.userId, userId))
      .orderBy(desc(imports.createdAt), desc(imports.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(imports).where(eq(imports.userId, userId)),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}

/** Progress of a running import, written outside its transaction (see docs/decisions/0030). */
export async function updateImportProgress(db: Executor, id: string, processedRows: number): Promise<void> {
  await db
    .update(imports)
    .set({ processedRows })
    .where(and(eq(imports.id, id), eq(imports.status, 'running')));
}

export async function completeImport(
  db: Executor,
  id: string,
  values: Pick<
    ImportInsert,
    | 'createdCount'
    | 'updatedCount'
    | 'skippedCount'
    | 'failedCount'
    | 'processedRows'
    | 'rowErrors'
    | 'options'
    | 'finishedAt'
  >,
): Promise<ImportSummaryRow> {
  const [row] = await db
    .update(imports)
    .set({ ...values, status: 'completed' })
    .where(eq(imports.id, id))
    .returning(summaryColumns);
  if (!row) throw new Error('import row vanished');
  return row;
}

/**
 * The advisory lock (two-key form, first key: "imports") a run holds for its whole transaction.
 * PostgreSQL releases it however the transaction ends — commit, rollback, a terminated connection, a
 * killed process — so a `running` import whose lock is free has no work left anywhere.
 */
const IMPORT_RUN_LOCK = 0x1e7017;
const runLock = (id: SQL | string) => sql`${sql.raw(String(IMPORT_RUN_LOCK))}, hashtext(${id}::text)`;

/** The import's status, read without a lock (the embedded run's check before it starts). */
export async function findImportStatus(db: Executor, id: string): Promise<ImportRow['status'] | undefined> {
  const [row] = await db.select({ status: imports.status }).from(imports).where(eq(imports.id, id));
  return row?.status;
}

/** Takes the run's lock (first statement of its transaction), then its status: `running` unless stopped meanwhile. */
export async function lockImportRun(tx: Tx, id: string): Promise<ImportRow['status'] | undefined> {
  await tx.execute(sql`select pg_advisory_xact_lock(${runLock(id)})`);
  return findImportStatus(tx, id);
}

/**
 * The user's `running` imports that are not running in this process (`except`) and whose run lock
 * nobody holds — their transaction is gone, whatever ended it (on PGlite, one process's own
 * database, the try-lock always succeeds: `except` says it all).
 */
export async function findAbandonedImports(db: Executor, userId: string | null, except: string[]): Promise<string[]> {
  const rows = await db
    .select({ id: imports.id })
    .from(imports)
    .where(
      and(
        userId === null ? undefined : eq(imports.userId, userId),
        eq(imports.status, 'running'),
        except.length ? notInArray(imports.id, except) : undefined,
        // Autocommit: a lock taken here is let go at the end of the statement.
        sql`pg_try_advisory_xact_lock(${runLock(sql`${imports.id}`)})`,
      ),
    );
  return rows.map((r) => r.id);
}

/**
 * A failed (or abandoned) import wrote nothing; it lets go of its content hash and Idempotency-Key so
 * that the same file can be sent again. The unique index stays satisfied by suffixing the hash.
 */
export async function failImport(db: Executor, id: string, failure: string, now: Date): Promise<void> {
  await db
    .update(imports)
    .set({
      status: 'failed',
      finishedAt: now,
      contentHash: sql`${imports.contentHash} || '#failed:' || ${imports.id}`,
      idempotencyKey: null,
      options: sql`${imports.options} || ${JSON.stringify({ failure })}::jsonb`,
    })
    .where(and(eq(imports.id, id), eq(imports.status, 'running')));
}

/** Marks the import reverted and frees its content hash (the same file may be imported again). */
export async function markReverted(db: Executor, id: string, now: Date): Promise<ImportSummaryRow> {
  const [row] = await db
    .update(imports)
    .set({
      status: 'reverted',
      revertedAt: now,
      contentHash: sql`${imports.contentHash} || '#reverted:' || ${imports.id}`,
    })
    .where(eq(imports.id, id))
    .returning(summaryColumns);
  if (!row) throw new Error('import row vanished');
  return row;
}
