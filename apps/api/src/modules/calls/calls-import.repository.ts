import { and, asc, count, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { calls, type Executor } from '@ct/db';
import type { CallRow } from './calls.mapper.ts';
import type { CallInsert } from './calls.repository.ts';

/**
 * The SQL the CSV import runs on calls: the dedupe lookup, the bulk insert, the merge of a row into an
 * existing call, and what its revert deletes. The import module calls it through this module's index.
 */

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
export type DedupeCallRow = { [K in keyof typeof dedupeColumns]: CallRow[K] };

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
  ['list_id', 'uuid'],
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
 * JSON objects (jsonb_to_recordset) ~25 % more, for their keys.
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
      r.listId ?? null,
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
