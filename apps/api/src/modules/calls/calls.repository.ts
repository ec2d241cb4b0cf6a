import {
  and,
  count,
  desc,
  eq,
  getTableColumns,
  gte,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lt,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { calls, callStatusHistory, type Executor } from '@ct/db';
import { foldQuery, type CallSortField, type CallStatus, type CallType } from '@ct/contracts';
import { escapeLike } from '../../lib/sql.ts';
import { isoFromDriver, type CallInstant, type CallRow, type HistoryRow } from './calls.mapper.ts';
import { editableBy, visibleTo } from './call-visibility.ts';
import { encodeCursor, type CursorValueKind, type ListCursor } from './list-cursor.ts';

export type CallInsert = typeof calls.$inferInsert;
export type HistoryInsert = typeof callStatusHistory.$inferInsert;
/** Columns a service may set on an existing call (never its id or owner); values may be SQL. */
export type CallChanges = Omit<PgUpdateSetSource<typeof calls>, 'id' | 'userId' | 'version' | 'createdAt'>;

/** Inserts one prepared call (see `prepareCallValues`) and returns it. */
export async function insertCall(db: Executor, row: CallInsert): Promise<CallRow> {
  const [inserted] = await db.insert(calls).values(row).returning();
  if (!inserted) throw new Error('call insert returned nothing');
  return inserted;
}

export interface FindCallOptions {
  /** Look among deleted calls instead of live ones. */
  deleted?: boolean;
  /** SELECT … FOR UPDATE: serialises concurrent writers of one call inside a transaction. */
  lock?: boolean;
}

/** A call as one user finds it: the row, and whether they may edit it (not only read and log it). */
export type FoundCall = CallRow & { editable: boolean };

/**
 * One call `userId` may see (their own, or on a list of one of their teams: call-visibility.ts); any
 * other id finds nothing, like an unknown one.
 */
export async function findCall(
  db: Executor,
  userId: string,
  id: string,
  options: FindCallOptions = {},
): Promise<FoundCall | undefined> {
  const query = db
    .select({ ...getTableColumns(calls), editable: editableBy(userId) })
    .from(calls)
    .where(
      and(
        eq(calls.id, id),
        visibleTo(userId),
        options.deleted ? isNotNull(calls.deletedAt) : isNull(calls.deletedAt),
      ),
    )
    .limit(1);
  const [row] = options.lock ? await query.for('update', { of: calls }) : await query;
  return row;
}

/**
 * Applies changes to one live (or, with `deleted`, deleted) call and bumps its version; the caller
 * found it with `findCall` (which checks who may see it) and holds its lock.
 * With `expectedVersion`, only that version is updated: a stale one changes nothing and returns undefined.
 */
export async function updateCall(
  db: Executor,
  id: string,
  changes: CallChanges,
  options: { expectedVersion?: number | null; deleted?: boolean } = {},
): Promise<CallRow | undefined> {
  const conditions: SQL[] = [eq(calls.id, id)];
  conditions.push(options.deleted ? isNotNull(calls.deletedAt) : isNull(calls.deletedAt));
  if (options.expectedVersion != null) conditions.push(eq(calls.version, options.expectedVersion));
  const [row] = await db
    .update(calls)
    .set({ ...changes, version: sql`${calls.version} + 1` })
    .where(and(...conditions))
    .returning();
  return row;
}

/** Whose calls a list shows: the user's own, or one team list's (the service checked the user sees it). */
export type CallScope = { userId: string; listId?: undefined } | { userId: string; listId: string; assigneeId?: string | undefined };

export interface CallListFilters {
  q?: string | undefined;
  statuses?: CallStatus[] | undefined;
  types?: CallType[] | undefined;
  unreachable?: boolean | undefined;
  /** Deleted calls (deleted at or after `deletedSince`) instead of live ones. */
  deleted?: { since: Date } | undefined;
  dateField: 'lastCallAt' | 'nextReminderAt';
  /** Inclusive lower bound. */
  from?: Date | undefined;
  /** Exclusive upper bound. */
  to?: Date | undefined;
  sort: { field: CallSortField; dir: 'asc' | 'desc' };
  page: number;
  pageSize: number;
  /** Where the previous page ended (`after=`): the page starts after it instead of at an offset. */
  after?: ListCursor | undefined;
}

/**
 * Sortable fields: their columns and natural direction (the one with empty values last). The reverse
 * direction is the exact reverse, empty values first — which is what the indexes serve both ways
 * (docs/decisions/0013-list-queries.md).
 */
const SORTS = {
  lastCallAt: { columns: [calls.lastCallAt], natural: 'desc' },
  nextReminderAt: { columns: [calls.nextReminderAt], natural: 'asc' },
  createdAt: { columns: [calls.createdAt], natural: 'desc' },
  updatedAt: { columns: [calls.updatedAt], natural: 'desc' },
  lastName: { columns: [calls.contactLastName, calls.contactFirstName], natural: 'asc' },
  firstName: { columns: [calls.contactFirstName, calls.contactLastName], natural: 'asc' },
  status: { columns: [calls.status], natural: 'asc' },
  type: { columns: [calls.type], natural: 'asc' },
  attempts: { columns: [calls.attempts], natural: 'desc' },
} as const satisfies Record<CallSortField, { columns: readonly unknown[]; natural: 'asc' | 'desc' }>;

type SortColumn = (typeof SORTS)[CallSortField]['columns'][number];

function orderOf(sort: CallListFilters['sort']): SQL[] {
  const { columns, natural } = SORTS[sort.field];
  const forward = sort.dir === natural;
  const direction = sql.raw(`${sort.dir} nulls ${forward ? 'last' : 'first'}`);
  // The tie-breaker runs in the sort's own direction: one index serves the page both ways, and a
  // cursor's position is a row comparison that index can seek to.
  return [...columns.map((column) => sql`${column} ${direction}`), sql`${calls.id} ${direction}`];
}

/** What a cursor records of a sort column: its text, an instant's in UTC (exact to the microsecond). */
function cursorText(column: SortColumn): SQL {
  return column.columnType === 'PgTimestamp' ? sql`(${column} at time zone 'UTC')::text` : sql`${column}::text`;
}

/** A cursor's value back as the column's type (decodeCursor checked it fits). */
function fromCursor(column: SortColumn, value: string | null): SQL {
  if (column.columnType === 'PgTimestamp') return sql`(${value}::timestamp at time zone 'UTC')`;
  return sql`cast(${value} as ${sql.raw(column.getSQLType())})`;
}

/** The kinds of value a cursor of `field` carries, for decodeCursor. */
export function cursorKinds(field: CallSortField): CursorValueKind[] {
  return SORTS[field].columns.map((column: SortColumn): CursorValueKind => {
    if (column.columnType === 'PgTimestamp') return { kind: 'instant' };
    if (column.columnType === 'PgInteger') return { kind: 'integer' };
    if ('enumValues' in column && column.enumValues) return { kind: 'enum', values: column.enumValues };
    return { kind: 'text' };
  });
}

/**
 * The rows after a cursor, as the list's segments in order: a row comparison on the sort key and the
 * id — which the sort's index seeks to — and, for a date that may be empty, the empty ones (last in
 * the natural direction, first in the reverse one), read along the same index.
 */
function afterSegments(sort: CallListFilters['sort'], cursor: ListCursor): SQL[] {
  const { columns, natural } = SORTS[sort.field];
  const op = sql.raw(sort.dir === 'asc' ? '>' : '<');
  const id = sql`${cursor.id}::uuid`;
  const beyond = sql`(${sql.join([...columns, calls.id], sql`, `)}) ${op} (${sql.join(
    [...columns.map((column, i) => fromCursor(column, cursor.values[i] ?? null)), id],
    sql`, `,
  )})`;
  const [column] = columns;
  if (columns.length > 1 || column.notNull) return [beyond];
  const emptyAfter = sql`${column} is null and ${calls.id} ${op} ${id}`;
  if (sort.dir === natural) return cursor.values[0] === null ? [emptyAfter] : [beyond, sql`${column} is null`];
  return cursor.values[0] === null ? [emptyAfter, sql`${column} is not null`] : [beyond];
}

const MAX_SEARCH_TERMS = 8;

/** The folded words of `q` (a phone-like query is one term: its digits). */
export function searchTerms(q: string | undefined): string[] {
  const folded = q ? foldQuery(q) : '';
  return [...new Set(folded.split(' ').filter(Boolean))].slice(0, MAX_SEARCH_TERMS);
}

function scopeCondition(scope: CallScope): SQL {
  if (scope.listId === undefined) return eq(calls.userId, scope.userId);
  return and(eq(calls.listId, scope.listId), scope.assigneeId ? eq(calls.assigneeId, scope.assigneeId) : undefined) as SQL;
}

function listConditions(scope: CallScope, f: CallListFilters): SQL {
  const where: (SQL | undefined)[] = [scopeCondition(scope)];
  where.push(
    f.deleted ? and(isNotNull(calls.deletedAt), gte(calls.deletedAt, f.deleted.since)) : isNull(calls.deletedAt),
  );
  // Every word must appear somewhere ("dupre helene" finds "Hélène Dupré"); the folded search column
  // has a pg_trgm GIN index, which ILIKE '%…%' uses (docs/decisions/0010-search.md).
  for (const term of searchTerms(f.q)) where.push(ilike(calls.searchText, `%${escapeLike(term)}%`));
  if (f.statuses?.length) where.push(inArray(calls.status, f.statuses));
  if (f.types?.length) where.push(inArray(calls.type, f.types));
  if (f.unreachable !== undefined) where.push(eq(calls.unreachable, f.unreachable));
  const dateColumn = f.dateField === 'nextReminderAt' ? calls.nextReminderAt : calls.lastCallAt;
  if (f.from) where.push(gte(dateColumn, f.from));
  if (f.to) where.push(lt(dateColumn, f.to));
  return and(...where) as SQL;
}

/** What a listed call shows (mapCall): every column but the owner and the search text. */
const { userId: _owner, searchText: _searchText, ...listedColumns } = getTableColumns(calls);
/** A listed call: its instants already in the ISO form the API answers with. */
export type ListedCallRow = Omit<CallRow, 'userId' | 'searchText' | CallInstant> & {
  [K in CallInstant]: CallRow[K] | string;
};
const LISTED = Object.entries(listedColumns).map(([key, column]) => ({
  key,
  name: column.name,
  decode: column.columnType === 'PgTimestamp' ? isoFromDriver : (value: unknown) => column.mapFromDriverValue(value),
}));

/**
 * A raw page row (column names, driver values) as drizzle would map it (property names, JS values),
 * except for instants: PostgreSQL's text (`2026-11-26 09:30:00.123456+00`) becomes the ISO string the
 * response carries without a Date in between — parsing and formatting 250 dates was ~8% of the CPU
 * of GET /calls (docs/performance.md).
 */
function decodeListed(raw: Record<string, unknown>): ListedCallRow {
  const row: Record<string, unknown> = {};
  for (const { key, name, decode } of LISTED) {
    const value = raw[name];
    row[key] = value === null || value === undefined ? null : decode(value);
  }
  return row as ListedCallRow;
}

/**
 * The page and the total of a filtered list, as unexecuted queries: `listCalls` runs them, the
 * benchmark EXPLAINs the very same SQL (`.toSQL()`).
 */
/**
 * Up to this many matching calls the list's total is exact; beyond, counting them would cost as much
 * as the account is big, so the total is the planner's estimate and says so (`totalExact: false`).
 */
export const EXACT_TOTAL_MAX = 10_000;
/**
 * A search's matches are counted up to this many: each one is checked against the words in the row
 * itself (the trigram index only proposes candidates), which costs a hundred times an index entry.
 */
export const EXACT_SEARCH_TOTAL_MAX = 1_000;

const exactMax = (f: CallListFilters) => (searchTerms(f.q).length ? EXACT_SEARCH_TOTAL_MAX : EXACT_TOTAL_MAX);

export function buildCallListQueries(db: Executor, scope: CallScope, f: CallListFilters) {
  const where = listConditions(scope, f);
  const orderBy = orderOf(f.sort);
  const segments = f.after ? afterSegments(f.sort, f.after) : [undefined];
  // The sort key of each row, as a cursor records it; one row more than the page says whether a next one exists.
  const keys = Object.fromEntries(SORTS[f.sort.field].columns.map((column, i) => [`cursor${i}`, cursorText(column).as(`cursor${i}`)]));
  const segment = (condition: SQL | undefined, limit: number) => {
    const query = db
      .select({ ...listedColumns, ...keys })
      .from(calls)
      .where(and(where, condition))
      .orderBy(...orderBy)
      .limit(limit);
    return f.after ? query : query.offset((f.page - 1) * f.pageSize);
  };
  const matching = db.select({ id: calls.id }).from(calls).where(where);
  return {
    page: segment(segments[0], f.pageSize + 1),
    /** After a cursor on an empty-able date: the next segment, when the first one ends before the page. */
    rest: segments[1] ? (limit: number) => segment(segments[1], limit) : undefined,
    /** The count, stopped one past the exact range (exactMax). */
    total: db.select({ total: count() }).from(matching.limit(exactMax(f) + 1).as('matching')),
    matching,
  };
}

/** The planner's estimate of how many rows a query returns (fresh statistics: lib/table-statistics.ts). */
async function estimatedRows(db: Executor, query: { getSQL(): SQL }): Promise<number> {
  const result = await db.execute(sql`explain (format json) ${query.getSQL()}`);
  const cell = Object.values((result as unknown as { rows: Record<string, unknown>[] }).rows[0] ?? {})[0];
  const plan = (typeof cell === 'string' ? JSON.parse(cell) : cell) as { Plan: { 'Plan Rows': number } }[];
  return Math.round(plan[0]?.Plan['Plan Rows'] ?? 0);
}

/**
 * Estimates already asked, by what selects the rows (scope and filters: the owner's id among them —
 * not the page, its size or its order, which change nothing to how many match): a big list is paged
 * through many times, and its estimate only moves when the statistics do. Kept ESTIMATE_TTL_MS,
 * ESTIMATE_CACHE_MAX of them at most (the oldest go first).
 */
const ESTIMATE_TTL_MS = 60_000;
const ESTIMATE_CACHE_MAX = 1_000;
const estimates = new Map<string, { rows: number; at: number }>();

async function cachedEstimate(db: Executor, key: string, query: { getSQL(): SQL }) {
  const now = Date.now();
  const known = estimates.get(key);
  if (known && now - known.at < ESTIMATE_TTL_MS) return known.rows;
  const rows = await estimatedRows(db, query);
  estimates.delete(key);
  estimates.set(key, { rows, at: now });
  if (estimates.size > ESTIMATE_CACHE_MAX) estimates.delete(estimates.keys().next().value!);
  return rows;
}

type RawRow = Record<string, unknown>;
const rawRows = (result: unknown) => (result as { rows: RawRow[] }).rows;

export interface CallListPage {
  rows: ListedCallRow[];
  total: number;
  totalExact: boolean;
  /** The cursor of the page after this one; null on the last page. */
  nextCursor: string | null;
}

export async function listCalls(db: Executor, scope: CallScope, f: CallListFilters): Promise<CallListPage> {
  const queries = buildCallListQueries(db, scope, f);
  // The page is run as plain SQL and decoded here: drizzle's row mapper checks every cell's column
  // kind and allocates iterators per cell, ~0.3 ms of a 50-row page (docs/performance.md).
  const [page, totals] = await Promise.all([db.execute(queries.page), queries.total]);
  let raw = rawRows(page);
  if (queries.rest && raw.length <= f.pageSize)
    raw = [...raw, ...rawRows(await db.execute(queries.rest(f.pageSize + 1 - raw.length)))];
  const last = raw.length > f.pageSize ? raw[f.pageSize - 1] : undefined;
  const nextCursor = last
    ? encodeCursor({
        sort: `${f.sort.field}:${f.sort.dir}`,
        values: SORTS[f.sort.field].columns.map((_, i) => (last[`cursor${i}`] as string | null) ?? null),
        id: String(last.id),
      })
    : null;
  const rows = raw.slice(0, f.pageSize).map(decodeListed);
  const counted = totals[0]?.total ?? 0;
  if (counted <= exactMax(f)) return { rows, total: counted, totalExact: true, nextCursor };
  // More than the exact range: never less than what was counted, nor than the page shown reaches.
  const { sort: _sort, page: _page, pageSize: _pageSize, after: _after, ...filters } = f;
  const estimate = await cachedEstimate(db, JSON.stringify([scope, filters]), queries.matching);
  const reached = f.after ? rows.length : (f.page - 1) * f.pageSize + rows.length;
  return { rows, total: Math.max(estimate, counted, reached), totalExact: false, nextCursor };
}

export async function insertHistory(db: Executor, row: HistoryInsert): Promise<HistoryRow> {
  const [inserted] = await db.insert(callStatusHistory).values(row).returning();
  if (!inserted) throw new Error('history insert returned nothing');
  return inserted;
}

/** A call's attempts, newest first. */
export async function listHistory(db: Executor, callId: string, limit = 200): Promise<HistoryRow[]> {
  return db
    .select()
    .from(callStatusHistory)
    .where(eq(callStatusHistory.callId, callId))
    .orderBy(desc(callStatusHistory.occurredAt), desc(callStatusHistory.createdAt))
    .limit(limit);
}

/**
 * "Calls made today" and friends: the user's attempts with `start <= occurred_at < end` (compute the
 * bounds with lib/time.ts dayBounds in the user's zone), newest first, each with its live call — as a
 * query: await it, or EXPLAIN it.
 */
export function listAttemptsBetween(db: Executor, userId: string, start: Date, end: Date) {
  return db
    .select({ entry: callStatusHistory, call: calls })
    .from(callStatusHistory)
    .innerJoin(calls, eq(calls.id, callStatusHistory.callId))
    .where(
      and(
        eq(callStatusHistory.userId, userId),
        gte(callStatusHistory.occurredAt, start),
        lt(callStatusHistory.occurredAt, end),
        isNull(calls.deletedAt),
      ),
    )
    .orderBy(desc(callStatusHistory.occurredAt), desc(callStatusHistory.createdAt));
}

/**
 * Hard-deletes up to `limit` calls soft-deleted before `before` (history and reminders follow by
 * cascade); for the purge job, which repeats until it gets fewer than `limit` ids back.
 */
export async function purgeDeletedCalls(db: Executor, before: Date, limit = 1_000): Promise<string[]> {
  const expired = db
    .select({ id: calls.id })
    .from(calls)
    .where(and(isNotNull(calls.deletedAt), lt(calls.deletedAt, before)))
    .limit(limit);
  const rows = await db.delete(calls).where(inArray(calls.id, expired)).returning({ id: calls.id });
  return rows.map((r) => r.id);
}

/**
 * Flags the user's calls that are not flagged yet (never deletes); returns the ones it flagged. The
 * fake-number job's write.
 */
export async function flagCalls(db: Executor, userId: string, ids: string[], reason: string) {
  if (ids.length === 0) return [];
  return db
    .update(calls)
    .set({ phoneFlagged: true, phoneFlagReason: reason })
    .where(and(eq(calls.userId, userId), inArray(calls.id, ids), eq(calls.phoneFlagged, false)))
    .returning({
      id: calls.id,
      firstName: calls.contactFirstName,
      lastName: calls.contactLastName,
      phone: calls.phone,
      phoneE164: calls.phoneE164,
    });
}
