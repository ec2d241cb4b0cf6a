import { and, asc, count, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { calls, importUndo, reminders, type Executor } from '@ct/db';
import type { CallRow } from './calls.mapper.ts';
import type { CallInsert } from './calls.repository.ts';

/**
 * The SQL the CSV import runs on calls: the dedupe lookup, the bulk insert, the merge of a row into an
 * existing call, what its revert deletes, and how a run written in several transactions is undone.
 * The import module calls it through this module's index.
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
 * the import wrote, 1), like DELETE /calls/:id does (new version, next reminder cleared); at most
 * `limit` of them when given (the embedded database reverts a thousand per transaction).
 */
export async function softDeleteUntouchedImportCalls(
  db: Executor,
  userId: string,
  importId: string,
  now: Date,
  limit?: number,
): Promise<string[]> {
  const untouched = and(eq(calls.userId, userId), eq(calls.importId, importId), isNull(calls.deletedAt), eq(calls.version, 1));
  const rows = await db
    .update(calls)
    .set({ deletedAt: now, updatedAt: now, nextReminderAt: null, version: sql`${calls.version} + 1` })
    .where(
      limit === undefined
        ? untouched
        : sql`${calls.id} in (select ${calls.id} from ${calls} where ${untouched} limit ${limit})`,
    )
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

/**
 * The columns an import may change on an existing call (`updateCallFromImport`), as a run written in
 * several transactions keeps them before its first change (`import_undo.before`) and puts them back.
 */
const UNDONE_COLUMNS = [
  'contact_first_name',
  'contact_last_name',
  'phone',
  'phone_e164',
  'phone_valid',
  'status',
  'type',
  'description',
  'search_text',
  'last_call_at',
  'next_reminder_at',
];

/**
 * Before a batch of a run written in several transactions (the embedded database, decision 0112)
 * changes existing calls: keeps each call's columns as they were before the run first changed it,
 * and the reminders the batch adds to it. Calls the same run created are left out: undoing the run
 * deletes them.
 */
export async function keepImportUndo(
  db: Executor,
  userId: string,
  importId: string,
  changed: { callId: string; reminderId: string | null }[],
): Promise<void> {
  if (changed.length === 0) return;
  const json = JSON.stringify(changed.map((c) => [c.callId, c.reminderId]));
  await db.execute(sql`
    insert into ${importUndo} (import_id, call_id, before, reminder_ids)
    select ${importId}::uuid, c.id,
           jsonb_build_object(${sql.raw(UNDONE_COLUMNS.map((name) => `'${name}', c.${name}`).join(', '))}),
           case when e->>1 is null then '{}'::uuid[] else array[(e->>1)::uuid] end
      from jsonb_array_elements(${json}::jsonb) as e
      join ${calls} c on c.id = (e->>0)::uuid
     where c.user_id = ${userId} and c.import_id is distinct from ${importId}::uuid
        on conflict (import_id, call_id)
        do update set reminder_ids = ${importUndo}.reminder_ids || excluded.reminder_ids`);
}

/**
 * Undoes what a run kept in `import_undo` (see keepImportUndo): deletes the reminders it added to
 * existing calls, puts their columns back (a new version, as any edit), and forgets the run's rows.
 * Run in one transaction; a second run finds nothing left to do.
 */
export async function undoImportChanges(db: Executor, importId: string, now: Date): Promise<void> {
  await db.execute(sql`
    delete from ${reminders} r using ${importUndo} u
     where u.import_id = ${importId}::uuid and r.id = any(u.reminder_ids) and r.call_id = u.call_id`);
  await db.execute(sql`
    update ${calls} c
       set (${sql.raw(UNDONE_COLUMNS.join(', '))}) =
           (select ${sql.raw(UNDONE_COLUMNS.join(', '))} from jsonb_populate_record(null::calls, u.before)),
           version = c.version + 1,
           updated_at = ${now}
      from ${importUndo} u
     where u.import_id = ${importId}::uuid and c.id = u.call_id`);
  await db.delete(importUndo).where(eq(importUndo.importId, importId));
}

/** Forgets a completed run's before-images (in the transaction that completes it). */
export async function clearImportUndo(db: Executor, importId: string): Promise<void> {
  await db.delete(importUndo).where(eq(importUndo.importId, importId));
}

/**
 * Deletes up to `limit` of the calls an unfinished run created (their reminders, attempts and leases
 * go with them by cascade; the KPI triggers take their attempts out). Returns how many it deleted:
 * called until 0, each call its own short transaction.
 */
export async function deleteImportCalls(db: Executor, importId: string, limit: number): Promise<number> {
  const rows = await db.execute<{ id: string }>(sql`
    delete from ${calls} where id in (select id from ${calls} where import_id = ${importId}::uuid limit ${limit})
    returning id`);
  return (rows as unknown as { rows: unknown[] }).rows.length;
}
