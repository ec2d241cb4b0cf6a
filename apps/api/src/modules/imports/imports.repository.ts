import { and, asc, count, desc, eq, inArray, isNotNull, isNull, notInArray, sql, type SQL } from 'drizzle-orm';
import { audits, calls, imports, reminders, type Executor, type Tx } from '@ct/db';
import type { UserContext } from '../users/index.ts';

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

/** The importer's language, zone, formats, phone region and default reminder slot, from their context. */
export type Importer = Pick<UserContext, 'language' | 'timezone' | 'dateFormat' | 'timeFormat'> & {
  phoneRegion: string;
  reminderSlot: string;
};

export function importerOf(user: UserContext): Importer {
  const { language, timezone, dateFormat, timeFormat } = user;
  const { phoneRegion, defaultReminderSlot: reminderSlot } = user.settings;
  return { language, timezone, dateFormat, timeFormat, phoneRegion, reminderSlot };
}

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

/** Takes the run's lock (first statement of its transaction), then its status: `running` unless stopped meanwhile. */
export async function lockImportRun(tx: Tx, id: string): Promise<ImportRow['status'] | undefined> {
  await tx.execute(sql`select pg_advisory_xact_lock(${runLock(id)})`);
  const [row] = await tx.select({ status: imports.status }).from(imports).where(eq(imports.id, id));
  return row?.status;
}

/**
 * A failed (or abandoned) import wrote nothing; it lets go of its content hash and Idempotency-Key so
 * that the same file can be sent again. The unique index stays satisfied by suffixing the hash.
 * `abandonedBy`: the user's `running` imports that are not running in this process (`except`) and
 * whose run lock nobody holds — their transaction is gone, whatever ended it.
 */
export async function failImports(
  db: Executor,
  where: { id: string } | { abandonedBy: string; except: string[] },
  failure: string,
  now: Date,
): Promise<void> {
  const condition =
    'id' in where
      ? and(eq(imports.id, where.id), eq(imports.status, 'running'))
      : and(
          eq(imports.userId, where.abandonedBy),
          eq(imports.status, 'running'),
          where.except.length ? notInArray(imports.id, where.except) : undefined,
          // Autocommit: a lock taken here is let go at the end of the statement.
          sql`pg_try_advisory_xact_lock(${runLock(sql`${imports.id}`)})`,
        );
  await db
    .update(imports)
    .set({
      status: 'failed',
      finishedAt: now,
      contentHash: sql`${imports.contentHash} || '#failed:' || ${imports.id}`,
      idempotencyKey: null,
      options: sql`${imports.options} || ${JSON.stringify({ failure })}::jsonb`,
    })
    .where(condition);
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

/** The call columns an import reads to deduplicate and merge. */
const dedupeColumns = {
  id: calls.id,
  importId: calls.importId,
  contactFirstName: calls.contactFirstName,
  contactLastName: calls.contactLastName,
  phone: calls.phone,
  phoneE164: calls.phoneE164,
  phoneValid: calls.phoneValid,
  status: calls.status,
  type: calls.type,
  description: calls.description,
  nextReminderAt: calls.nextReminderAt,
};
export type DedupeCallRow = { [K in keyof typeof dedupeColumns]: (typeof calls.$inferSelect)[K] };

/**
 * The user's live calls with one of these phones; the oldest first (the one a duplicate updates).
 *
 * Two things keep this at one index probe per phone however large the import: the phones travel as
 * one array parameter (`= any($2)`, cheaper to build, send and plan than a 1,000-parameter IN list),
 * and deleted calls are dropped here rather than in SQL. With `deleted_at IS NULL` in the query, the
 * planner may pick one of the partial `(user_id, …) WHERE deleted_at IS NULL` indexes, which hold
 * every call of the user — and during an import the statistics cannot know about the rows this very
 * transaction inserted, so for a new user it did, filtering all of them on each batch (quadratic:
 * ~25 ms a batch at 30k rows, growing). Without it, `(user_id, phone_e164)` is the only index that
 * matches both conditions.
 */
export async function findCallsByPhones(db: Executor, userId: string, phones: string[]): Promise<DedupeCallRow[]> {
  if (phones.length === 0) return [];
  const rows = await db
    .select({ ...dedupeColumns, deletedAt: calls.deletedAt })
    .from(calls)
    .where(and(eq(calls.userId, userId), sql`${calls.phoneE164} = any(${sql.param(phones)}::text[])`))
    .orderBy(asc(calls.createdAt), asc(calls.id));
  return rows.filter((row) => row.deletedAt === null);
}

export type CallInsert = typeof calls.$inferInsert;

/** The columns `insertImportedCalls` writes, in the order of each row's JSON array, with their SQL types. */
const IMPORTED_CALL_COLUMNS = [
  ['id', 'uuid'],
  ['user_id', 'uuid'],
  ['contact_first_name', 'text'],
  ['contact_last_name', 'text'],
  ['phone', 'text'],
  ['phone_e164', 'text'],
  ['phone_valid', 'boolean'],
  ['status', 'call_status'],
  ['type', 'call_type'],
  ['description', 'text'],
  ['search_text', 'text'],
  ['import_id', 'uuid'],
  ['last_call_at', 'timestamptz'],
  ['next_reminder_at', 'timestamptz'],
  ['version', 'integer'],
  ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
] as const;
const IMPORTED_CALLS_SQL = {
  columns: IMPORTED_CALL_COLUMNS.map(([name]) => name).join(', '),
  values: IMPORTED_CALL_COLUMNS.map(([, type], i) => `(r->>${i})::${type}`).join(', '),
};

/**
 * Bulk insert of prepared calls (`prepareCallValues` + owner, import id, dates): one statement whose
 * only parameter is a JSON array of rows, each row an array in IMPORTED_CALL_COLUMNS order, expanded
 * by jsonb_array_elements. Measured for 20,000 rows (bench/, decision 0030): PostgreSQL spends about
 * what `COPY` spends on the same rows, where a 17,000-parameter VALUES list cost 4× more, and rows as
 * JSON objects (jsonb_to_recordset) ~25 % more, for their keys. Same columns as calls.repository
 * `insertCalls`.
 */
export async function insertImportedCalls(db: Executor, rows: CallInsert[]): Promise<void> {
  if (rows.length === 0) return;
  const json = JSON.stringify(
    rows.map((r) => [
      r.id,
      r.userId,
      r.contactFirstName ?? '',
      r.contactLastName ?? '',
      r.phone,
      r.phoneE164 ?? null,
      r.phoneValid ?? false,
      r.status ?? 'to_call',
      r.type ?? 'prospecting',
      r.description ?? '',
      r.searchText ?? '',
      r.importId ?? null,
      r.lastCallAt ?? null,
      r.nextReminderAt ?? null,
      r.version ?? 1,
      r.createdAt,
      r.updatedAt,
    ]),
  );
  await db.execute(
    sql`insert into ${calls} (${sql.raw(IMPORTED_CALLS_SQL.columns)}) select ${sql.raw(IMPORTED_CALLS_SQL.values)} from jsonb_array_elements(${json}::jsonb) as r`,
  );
}

/**
 * Applies an import row to an existing call. A call created earlier by the same import keeps its
 * version (it is still "as imported" for revert); any other call gets a new version, as any edit.
 */
export async function updateCallFromImport(
  db: Executor,
  userId: string,
  id: string,
  changes: Partial<CallInsert>,
  bumpVersion: boolean,
): Promise<void> {
  await db
    .update(calls)
    .set({ ...changes, ...(bumpVersion ? { version: sql`${calls.version} + 1` } : {}) })
    .where(and(eq(calls.id, id), eq(calls.userId, userId)));
}

export type ReminderInsert = typeof reminders.$inferInsert;

export async function insertReminders(db: Executor, rows: ReminderInsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await db.insert(reminders).values(rows.slice(i, i + 1000));
}

/**
 * Revert: soft-deletes the calls this import created that nobody touched since (still at the version
 * the import wrote, 1), like DELETE /calls/:id does (new version, next reminder cleared).
 */
export async function softDeleteUntouchedImportCalls(
  db: Executor,
  userId: string,
  importId: string,
  now: Date,
): Promise<string[]> {
  const rows = await db
    .update(calls)
    .set({ deletedAt: now, updatedAt: now, nextReminderAt: null, version: sql`${calls.version} + 1` })
    .where(and(eq(calls.userId, userId), eq(calls.importId, importId), isNull(calls.deletedAt), eq(calls.version, 1)))
    .returning({ id: calls.id });
  return rows.map((r) => r.id);
}

/** Calls of the import still live (after the revert: the edited ones) and already deleted ones. */
export async function importCallsState(db: Executor, userId: string, importId: string) {
  const [live, deleted] = await Promise.all([
    db
      .select({ id: calls.id })
      .from(calls)
      .where(and(eq(calls.userId, userId), eq(calls.importId, importId), isNull(calls.deletedAt)))
      .orderBy(asc(calls.createdAt)),
    db
      .select({ total: count() })
      .from(calls)
      .where(and(eq(calls.userId, userId), eq(calls.importId, importId), isNotNull(calls.deletedAt))),
  ]);
  return { liveIds: live.map((r) => r.id), deletedCount: deleted[0]?.total ?? 0 };
}

/** Closes the open reminders of the given calls (as deleting each call would); returns what it closed. */
export async function closeRemindersOfCalls(
  db: Executor,
  callIds: string[],
  now: Date,
): Promise<{ id: string; callId: string }[]> {
  const out: { id: string; callId: string }[] = [];
  for (let i = 0; i < callIds.length; i += 1000) {
    out.push(
      ...(await db
        .update(reminders)
        .set({ done: true, doneAt: now, updatedAt: now, version: sql`${reminders.version} + 1` })
        .where(and(inArray(reminders.callId, callIds.slice(i, i + 1000)), eq(reminders.done, false)))
        .returning({ id: reminders.id, callId: reminders.callId })),
    );
  }
  return out;
}

export type AuditInsert = typeof audits.$inferInsert;

export async function insertAudits(db: Executor, rows: AuditInsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await db.insert(audits).values(rows.slice(i, i + 1000));
}
