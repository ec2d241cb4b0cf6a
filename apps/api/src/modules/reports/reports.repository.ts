import { and, eq, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import { callStatusHistory, calls, reminders, type Executor } from '@ct/db';
import { ANSWERED_STATUSES, CALL_STATUSES, type KpiTotals } from '@ct/contracts';
import { reminderOrder } from '../calls/index.ts';

/**
 * The report queries: grouped in the database, in the viewer's zone (`at time zone`), over attempts
 * (status-history entries other than to_call) on calls that are not deleted.
 */

const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;
/** ANSWERED_STATUSES written as literals (`in ('reached', …)`), not parameters: the planner sees the values. */
const answered = sql`${callStatusHistory.status} in (${sql.raw(ANSWERED_STATUSES.map((s) => `'${s}'`).join(', '))})`;
const isAttempt = sql`${callStatusHistory.status} <> 'to_call'`;

/**
 * Whose attempts and reminders a report counts: one user's own calls (GET /reports/kpi), or a team's
 * (GET /reports/team): the calls on the team's lists, with the attempts its members logged and the
 * reminders they hold, per member. Every query takes a scope, so both reports run the same SQL
 * (docs/decisions/0061-team-kpis-share-the-personal-code-path.md).
 */
export type KpiScope = { kind: 'user'; userId: string } | { kind: 'team'; listIds: string[]; memberIds: string[] };

const anyOf = (column: typeof calls.listId | typeof callStatusHistory.createdBy | typeof reminders.userId, ids: string[]) =>
  ids.length ? inArray(column, ids) : sql`false`;

/**
 * The call of an attempt or a reminder (`callId`), not deleted: for a user, one of their own calls or
 * a call on a team list (the attempt and the callback on a team call are the member's who logged it,
 * decision 0062); for a team, one on the team's lists. For a user, `calls.user_id` is implied by the
 * row's owner for personal calls, but saying it lets PostgreSQL hash the user's calls (and the list
 * calls, by their partial index) once instead of one primary-key lookup per row (17k lookups for a
 * 90-day report at 10k calls a user: 80 ms → 35 ms a query; docs/performance.md).
 */
function liveCallIn(scope: KpiScope, callId: typeof callStatusHistory.callId | typeof reminders.callId) {
  return and(
    eq(calls.id, callId),
    scope.kind === 'user'
      ? or(eq(calls.userId, scope.userId), isNotNull(calls.listId))
      : anyOf(calls.listId, scope.listIds),
    isNull(calls.deletedAt),
  );
}

/** An attempt of the scope: on the user's calls, or logged by one of the team's members. */
const attemptBy = (scope: KpiScope): SQL | undefined =>
  scope.kind === 'user' ? eq(callStatusHistory.userId, scope.userId) : anyOf(callStatusHistory.createdBy, scope.memberIds);
/** A reminder of the scope: the user's, or one a member of the team holds. */
const reminderOf = (scope: KpiScope): SQL | undefined =>
  scope.kind === 'user' ? eq(reminders.userId, scope.userId) : anyOf(reminders.userId, scope.memberIds);
/** The member a row counts for: one group per member for a team, one row (null) for a user. */
const memberOf = (scope: KpiScope, column: typeof callStatusHistory.createdBy | typeof reminders.userId) =>
  scope.kind === 'team' ? sql<string | null>`${column}` : sql<string | null>`null::uuid`;

function attemptsIn(scope: KpiScope, start: Date, end: Date) {
  return and(
    attemptBy(scope),
    sql`${callStatusHistory.occurredAt} >= ${at(start)}`,
    sql`${callStatusHistory.occurredAt} < ${at(end)}`,
    isAttempt,
  );
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

function attemptTotalsQuery(db: Executor, scope: KpiScope, start: Date, end: Date) {
  const member = memberOf(scope, callStatusHistory.createdBy);
  const query = db
    .select({
      memberId: member,
      callsMade: sql<number>`count(*)::int`,
      answered: sql<number>`(count(*) filter (where ${answered}))::int`,
      contactsReached: sql<number>`(count(distinct ${callStatusHistory.callId}) filter (where ${answered}))::int`,
      ratedAttempts: sql<number>`(count(*) filter (where not ${calls.phoneFlagged}))::int`,
      ratedAnswered: sql<number>`(count(*) filter (where ${answered} and not ${calls.phoneFlagged}))::int`,
      wrongNumbers: sql<number>`(count(distinct ${callStatusHistory.callId}) filter (where ${callStatusHistory.status} = 'wrong_number'))::int`,
    })
    .from(callStatusHistory)
    .innerJoin(calls, liveCallIn(scope, callStatusHistory.callId))
    .where(attemptsIn(scope, start, end))
    .$dynamic();
  return scope.kind === 'team' ? query.groupBy(callStatusHistory.createdBy) : query;
}

function callbackTotalsQuery(db: Executor, scope: KpiScope, zone: string, start: Date, end: Date, now: Date) {
  // Due in the range and already due: [start, min(end, now)).
  const dueEnd = new Date(Math.min(end.getTime(), now.getTime()));
  const isDue = sql`(${reminders.scheduledAt} >= ${at(start)} and ${reminders.scheduledAt} < ${at(dueEnd)})`;
  const isCreated = sql`(${reminders.createdAt} >= ${at(start)} and ${reminders.createdAt} < ${at(end)})`;
  const onTime = sql`(${reminders.done} and ${reminders.doneAt} is not null and (${reminders.doneAt} at time zone ${zone})::date <= (${reminders.scheduledAt} at time zone ${zone})::date)`;
  const query = db
    .select({
      memberId: memberOf(scope, reminders.userId),
      scheduled: sql<number>`(count(*) filter (where ${isCreated}))::int`,
      done: sql<number>`(count(*) filter (where ${isDue} and ${reminders.done}))::int`,
      onTime: sql<number>`(count(*) filter (where ${isDue} and ${onTime}))::int`,
      ratedDue: sql<number>`(count(*) filter (where ${isDue} and not ${calls.phoneFlagged}))::int`,
      ratedOnTime: sql<number>`(count(*) filter (where ${isDue} and not ${calls.phoneFlagged} and ${onTime}))::int`,
      overdue: sql<number>`(count(*) filter (where ${isDue} and not ${reminders.done}))::int`,
    })
    .from(reminders)
    .innerJoin(calls, liveCallIn(scope, reminders.callId))
    .where(and(reminderOf(scope), sql`(${isCreated} or ${isDue})`))
    .$dynamic();
  return scope.kind === 'team' ? query.groupBy(reminders.userId) : query;
}

/** Attempts and answered attempts per local date (only dates with attempts). */
function seriesQuery(db: Executor, scope: KpiScope, zone: string, start: Date, end: Date) {
  return db
    .select({
      date: sql<string>`to_char(${callStatusHistory.occurredAt} at time zone ${zone}, 'YYYY-MM-DD')`,
      calls: sql<number>`count(*)::int`,
      reached: sql<number>`(count(*) filter (where ${answered}))::int`,
    })
    .from(callStatusHistory)
    .innerJoin(calls, liveCallIn(scope, callStatusHistory.callId))
    .where(attemptsIn(scope, start, end))
    .groupBy(sql`1`);
}

/** Attempts per outcome. */
function statusMixQuery(db: Executor, scope: KpiScope, start: Date, end: Date) {
  return db
    .select({ status: callStatusHistory.status, count: sql<number>`count(*)::int` })
    .from(callStatusHistory)
    .innerJoin(calls, liveCallIn(scope, callStatusHistory.callId))
    .where(attemptsIn(scope, start, end))
    .groupBy(callStatusHistory.status);
}

/** Answer rate per local ISO weekday × hour, numbers not flagged. */
function bestHoursQuery(db: Executor, scope: KpiScope, zone: string, start: Date, end: Date) {
  return db
    .select({
      weekday: sql<number>`extract(isodow from ${callStatusHistory.occurredAt} at time zone ${zone})::int`,
      hour: sql<number>`extract(hour from ${callStatusHistory.occurredAt} at time zone ${zone})::int`,
      attempts: sql<number>`count(*)::int`,
      answered: sql<number>`(count(*) filter (where ${answered}))::int`,
    })
    .from(callStatusHistory)
    .innerJoin(calls, and(liveCallIn(scope, callStatusHistory.callId), eq(calls.phoneFlagged, false)))
    .where(attemptsIn(scope, start, end))
    .groupBy(sql`1`, sql`2`)
    .orderBy(sql`1`, sql`2`);
}

export interface KpiBounds {
  /** The range: [start, end). */
  start: Date;
  end: Date;
  /** The period of equal length before: [previousStart, start). */
  previousStart: Date;
}

/**
 * Every query of a KPI report, unexecuted: `runKpiQueries` runs them (all at once — they are
 * independent), the benchmark EXPLAINs the very same SQL (`.toSQL()`).
 */
export function buildKpiQueries(db: Executor, scope: KpiScope, zone: string, b: KpiBounds, now: Date) {
  return {
    attempts: attemptTotalsQuery(db, scope, b.start, b.end),
    callbacks: callbackTotalsQuery(db, scope, zone, b.start, b.end, now),
    previousAttempts: attemptTotalsQuery(db, scope, b.previousStart, b.start),
    previousCallbacks: callbackTotalsQuery(db, scope, zone, b.previousStart, b.start, now),
    series: seriesQuery(db, scope, zone, b.start, b.end),
    statusMix: statusMixQuery(db, scope, b.start, b.end),
    bestHours: bestHoursQuery(db, scope, zone, b.start, b.end),
  };
}

type AttemptTotals = Awaited<ReturnType<typeof attemptTotalsQuery>>[number];
type CallbackTotals = Awaited<ReturnType<typeof callbackTotalsQuery>>[number];

const n = (v: number | undefined) => Number(v ?? 0);

/**
 * The KPI totals of a range. Counts include flagged numbers (the calls were made); the rates leave
 * them out (docs/decisions/0024-kpi-definitions.md).
 */
function kpiTotals(attempts: AttemptTotals | undefined, callbacks: CallbackTotals | undefined): KpiTotals {
  return {
    callsMade: n(attempts?.callsMade),
    contactsReached: n(attempts?.contactsReached),
    answerRate: ratio(n(attempts?.ratedAnswered), n(attempts?.ratedAttempts)),
    callbacksScheduled: n(callbacks?.scheduled),
    callbacksOnTimeRate: ratio(n(callbacks?.ratedOnTime), n(callbacks?.ratedDue)),
    overdueCallbacks: n(callbacks?.overdue),
    wrongNumbers: n(attempts?.wrongNumbers),
  };
}

/** Runs a report's queries in parallel and shapes their rows. */
export async function runKpiQueries(q: ReturnType<typeof buildKpiQueries>) {
  const [attempts, callbacks, previousAttempts, previousCallbacks, series, mix, hours] = await Promise.all([
    q.attempts,
    q.callbacks,
    q.previousAttempts,
    q.previousCallbacks,
    q.series,
    q.statusMix,
    q.bestHours,
  ]);
  return {
    totals: kpiTotals(attempts[0], callbacks[0]),
    previous: kpiTotals(previousAttempts[0], previousCallbacks[0]),
    series: series.map((r) => ({ date: r.date, calls: Number(r.calls), reached: Number(r.reached) })),
    statusMix: mix
      .map((r) => ({ status: r.status, count: Number(r.count) }))
      .sort((a, b) => CALL_STATUSES.indexOf(a.status) - CALL_STATUSES.indexOf(b.status)),
    bestHours: hours.map((r) => {
      const attemptsCount = Number(r.attempts);
      const ok = Number(r.answered);
      return {
        weekday: Number(r.weekday),
        hour: Number(r.hour),
        attempts: attemptsCount,
        answered: ok,
        rate: ratio(ok, attemptsCount) ?? 0,
      };
    }),
  };
}

/** A member's (or a team's) figures: the KPI totals, with the volumes behind the rates. */
export interface MemberKpis {
  totals: KpiTotals;
  answered: number;
  callbacksDone: number;
  callbacksOnTime: number;
}

function memberKpis(attempts: AttemptTotals | undefined, callbacks: CallbackTotals | undefined): MemberKpis {
  return {
    totals: kpiTotals(attempts, callbacks),
    answered: n(attempts?.answered),
    callbacksDone: n(callbacks?.done),
    callbacksOnTime: n(callbacks?.onTime),
  };
}

/** Adds up rows of the same counts (the counts that add: not the distinct-contact ones). */
function sumRows<T extends Record<string, unknown>>(rows: T[]): T | undefined {
  if (rows.length === 0) return undefined;
  const out: Record<string, unknown> = { ...rows[0], memberId: null };
  for (const row of rows.slice(1))
    for (const [key, value] of Object.entries(row)) if (typeof value === 'number') out[key] = Number(out[key]) + value;
  return out as T;
}

/**
 * A team's KPIs over a range, per member and in total, from the same queries as a user's: attempts
 * and callbacks grouped by member. The totals add the members' counts up and take the rates from
 * the sums (contactsReached and wrongNumbers, distinct contacts, do not add and are not shown).
 */
export async function runTeamKpis(db: Executor, scope: KpiScope & { kind: 'team' }, zone: string, b: KpiBounds, now: Date) {
  const [attempts, callbacks] = await Promise.all([
    attemptTotalsQuery(db, scope, b.start, b.end),
    callbackTotalsQuery(db, scope, zone, b.start, b.end, now),
  ]);
  const byMember = new Map<string, MemberKpis>();
  for (const memberId of scope.memberIds)
    byMember.set(
      memberId,
      memberKpis(
        attempts.find((r) => r.memberId === memberId),
        callbacks.find((r) => r.memberId === memberId),
      ),
    );
  return { byMember, totals: memberKpis(sumRows(attempts), sumRows(callbacks)) };
}

/** Open reminders due before `end` (today's and overdue) with their live call, in the user's order (a query). */
export function listOpenRemindersUntil(db: Executor, userId: string, end: Date, order: 'time' | 'priority') {
  return db
    .select({ reminder: reminders, call: calls })
    .from(reminders)
    .innerJoin(calls, liveCallIn({ kind: 'user', userId }, reminders.callId))
    .where(and(eq(reminders.userId, userId), eq(reminders.done, false), sql`${reminders.scheduledAt} < ${at(end)}`))
    .orderBy(...reminderOrder(order))
    .limit(500);
}
