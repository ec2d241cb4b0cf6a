import {
  and,
  asc,
  count,
  eq,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  notExists,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { calls, reminders, type Executor } from '@ct/db';
import type { ReminderPriority, RemindersOrder } from '@ct/contracts';
import type { ReminderCallRow, ReminderRow } from './reminders.mapper.ts';
import { visibleTo } from './call-visibility.ts';

export type ReminderInsert = typeof reminders.$inferInsert;
export type ReminderChanges = Partial<Omit<ReminderInsert, 'id' | 'userId' | 'callId' | 'version' | 'createdAt'>>;
export interface ReminderWithCall {
  reminder: ReminderRow;
  call: ReminderCallRow;
}

/** The call columns joined to every reminder read. */
const callSummary = {
  id: calls.id,
  contactFirstName: calls.contactFirstName,
  contactLastName: calls.contactLastName,
  phone: calls.phone,
  phoneE164: calls.phoneE164,
  status: calls.status,
};

export async function insertReminder(db: Executor, row: ReminderInsert): Promise<ReminderRow> {
  const [inserted] = await db.insert(reminders).values(row).returning();
  if (!inserted) throw new Error('reminder insert returned nothing');
  return inserted;
}

/** One of the user's reminders with its call; reminders of deleted calls are hidden like unknown ids. */
export async function findReminder(
  db: Executor,
  userId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<ReminderWithCall | undefined> {
  const query = db
    .select({ reminder: reminders, call: callSummary })
    .from(reminders)
    .innerJoin(calls, eq(calls.id, reminders.callId))
    .where(and(eq(reminders.id, id), eq(reminders.userId, userId), visibleTo(userId), isNull(calls.deletedAt)))
    .limit(1);
  const [row] = options.lock ? await query.for('update', { of: reminders }) : await query;
  return row;
}

/** Versioned update, as for calls: a stale `expectedVersion` changes nothing and returns undefined. */
export async function updateReminder(
  db: Executor,
  userId: string,
  id: string,
  changes: ReminderChanges,
  expectedVersion?: number | null,
): Promise<ReminderRow | undefined> {
  const conditions: SQL[] = [eq(reminders.id, id), eq(reminders.userId, userId)];
  if (expectedVersion != null) conditions.push(eq(reminders.version, expectedVersion));
  const [row] = await db
    .update(reminders)
    .set({ ...changes, version: sql`${reminders.version} + 1` })
    .where(and(...conditions))
    .returning();
  return row;
}

export async function deleteReminder(
  db: Executor,
  userId: string,
  id: string,
  expectedVersion?: number | null,
): Promise<ReminderRow | undefined> {
  const conditions: SQL[] = [eq(reminders.id, id), eq(reminders.userId, userId)];
  if (expectedVersion != null) conditions.push(eq(reminders.version, expectedVersion));
  const [row] = await db
    .delete(reminders)
    .where(and(...conditions))
    .returning();
  return row;
}

/** Reminders per UPDATE … WHERE call_id IN (…) of a bulk close (bounded parameter lists). */
const CLOSE_CHUNK = 1_000;

export interface CloseOptions {
  /** The call is being deleted (DELETE /calls/:id, an import's revert): restoring it reopens them. */
  withCall?: boolean;
}

/** Marks every open reminder of a call done at `at`; returns the closed ones. */
export async function closeOpenReminders(
  db: Executor,
  callId: string,
  at: Date,
  options: CloseOptions = {},
): Promise<ReminderRow[]> {
  return closeOpenRemindersOf(db, [callId], at, options);
}

/** Marks every open reminder of these calls done at `at`; returns the closed ones. */
export async function closeOpenRemindersOf(
  db: Executor,
  callIds: string[],
  at: Date,
  options: CloseOptions = {},
): Promise<ReminderRow[]> {
  const out: ReminderRow[] = [];
  for (let i = 0; i < callIds.length; i += CLOSE_CHUNK) {
    const chunk = callIds.slice(i, i + CLOSE_CHUNK);
    out.push(
      ...(await db
        .update(reminders)
        .set({
          done: true,
          doneAt: at,
          updatedAt: at,
          ...(options.withCall ? { closedWithCall: true } : {}),
          version: sql`${reminders.version} + 1`,
        })
        .where(
          and(chunk.length === 1 ? eq(reminders.callId, chunk[0]!) : inArray(reminders.callId, chunk), eq(reminders.done, false)),
        )
        .returning()),
    );
  }
  return out;
}

/** Reopens the reminders the deletion of their call closed (`closed_with_call`); restoring the call does. */
export async function reopenClosedWithCall(db: Executor, callId: string, now: Date): Promise<ReminderRow[]> {
  return db
    .update(reminders)
    .set({ done: false, doneAt: null, closedWithCall: false, updatedAt: now, version: sql`${reminders.version} + 1` })
    .where(and(eq(reminders.callId, callId), eq(reminders.done, true), eq(reminders.closedWithCall, true)))
    .returning();
}

/** Bulk insert (an import's "next reminder" column), in statements of at most 1,000 rows. */
export async function insertReminders(db: Executor, rows: ReminderInsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await db.insert(reminders).values(rows.slice(i, i + 1000));
}

/** The earliest open reminder of a call, as an expression for `UPDATE calls SET next_reminder_at = …`. */
export function earliestOpenReminderOf(callId: string): SQL {
  return sql`(select min(${reminders.scheduledAt}) from ${reminders} where ${reminders.callId} = ${callId} and ${reminders.done} = false)`;
}

/** Keeps calls.next_reminder_at equal to the call's earliest open reminder (a derived column: no version bump). */
export async function syncCallNextReminder(db: Executor, callId: string): Promise<Date | null> {
  const [row] = await db
    .update(calls)
    .set({ nextReminderAt: earliestOpenReminderOf(callId) })
    .where(eq(calls.id, callId))
    .returning({ nextReminderAt: calls.nextReminderAt });
  return row?.nextReminderAt ?? null;
}

/** A call's open reminders, earliest first. */
export async function listOpenReminders(db: Executor, callId: string): Promise<ReminderRow[]> {
  return db
    .select()
    .from(reminders)
    .where(and(eq(reminders.callId, callId), eq(reminders.done, false)))
    .orderBy(asc(reminders.scheduledAt), asc(reminders.id));
}

export interface ReminderDayFilters {
  /** [start, end) of the requested local day. */
  start: Date;
  end: Date;
  /** Also the undone reminders scheduled before `start` (the day asked for is today). */
  includeOverdue: boolean;
  done?: boolean | undefined;
  priorities?: ReminderPriority[] | undefined;
  order: RemindersOrder;
  page: number;
  pageSize: number;
}

/**
 * The order of a user's reminders (settings.remindersOrder), as the indexes hold it: `time` is
 * (scheduled_at, id), `priority` urgent first then by time. The priority enum is declared low → urgent.
 */
export function reminderOrder(order: RemindersOrder): SQL[] {
  return order === 'priority'
    ? [sql`${reminders.priority} desc nulls last`, asc(reminders.scheduledAt), asc(reminders.id)]
    : [asc(reminders.scheduledAt), asc(reminders.id)];
}

/** The day's list and its total as unexecuted queries (run by `listDayReminders`, EXPLAINed by the benchmark). */
export function buildReminderDayQueries(db: Executor, userId: string, f: ReminderDayFilters) {
  const ofUser = and(
    eq(reminders.userId, userId),
    f.priorities?.length ? inArray(reminders.priority, f.priorities) : undefined,
  );
  const ofDay = and(
    ofUser,
    gte(reminders.scheduledAt, f.start),
    lt(reminders.scheduledAt, f.end),
    f.done === undefined ? undefined : eq(reminders.done, f.done),
  );
  const overdue =
    f.includeOverdue && f.done !== true
      ? and(ofUser, eq(reminders.done, false), lt(reminders.scheduledAt, f.start))
      : undefined;
  const orderBy = reminderOrder(f.order);
  // Deleted calls are left out with an anti-join against the (few) deleted calls, rather than
  // fetching the call of every reminder of the day and the overdue backlog.
  const ofDeletedCall = db
    .select({ one: sql`1` })
    .from(calls)
    .where(and(eq(calls.id, reminders.callId), isNotNull(calls.deletedAt)));
  // The overdue backlog and the day are two ranges of two indexes (the open reminders', everyone's
  // by time): each walked in the list's order and merged, so that the page reads its own rows and not
  // the account's history of done reminders, which an OR of the two would have it filter through.
  const idsOf = (where: SQL | undefined) =>
    db
      .select({ id: reminders.id, scheduledAt: reminders.scheduledAt, priority: reminders.priority })
      .from(reminders)
      .where(and(where, notExists(ofDeletedCall)))
      .orderBy(...orderBy)
      .limit(f.page * f.pageSize);
  const pageIds = overdue
    ? sql`select id from ((${idsOf(overdue)}) union all (${idsOf(ofDay)})) as due
           order by ${sql.raw(f.order === 'priority' ? 'priority desc nulls last, scheduled_at, id' : 'scheduled_at, id')}
           limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`
    : undefined;
  return {
    page: db
      .select({ reminder: reminders, call: callSummary })
      .from(reminders)
      .innerJoin(calls, eq(calls.id, reminders.callId))
      .where(pageIds ? sql`${reminders.id} in (${pageIds})` : and(ofDay, isNull(calls.deletedAt)))
      .orderBy(...orderBy)
      .limit(f.pageSize)
      .offset(pageIds ? 0 : (f.page - 1) * f.pageSize),
    total: db
      .select({ total: count() })
      .from(reminders)
      .where(and(overdue ? or(ofDay, overdue) : ofDay, notExists(ofDeletedCall))),
  };
}

export async function listDayReminders(
  db: Executor,
  userId: string,
  f: ReminderDayFilters,
): Promise<{ rows: ReminderWithCall[]; total: number }> {
  const queries = buildReminderDayQueries(db, userId, f);
  const [rows, totals] = await Promise.all([queries.page, queries.total]);
  return { rows, total: totals[0]?.total ?? 0 };
}
