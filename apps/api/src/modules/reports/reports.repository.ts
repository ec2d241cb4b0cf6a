import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { callStatusHistory, calls, reminders, type Executor } from '@ct/db';
import { ANSWERED_STATUSES, CALL_STATUSES, type KpiTotals } from '@ct/contracts';

/**
 * The report queries: grouped in the database, in the user's zone (`at time zone`), over attempts
 * (status-history entries other than to_call) on calls that are not deleted.
 */

const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;
/** ANSWERED_STATUSES written as literals (`in ('reached', …)`), not parameters: the planner sees the values. */
const answered = sql`${callStatusHistory.status} in (${sql.raw(ANSWERED_STATUSES.map((s) => `'${s}'`).join(', '))})`;
const isAttempt = sql`${callStatusHistory.status} <> 'to_call'`;

function attemptsIn(userId: string, start: Date, end: Date) {
  return and(
    eq(callStatusHistory.userId, userId),
    sql`${callStatusHistory.occurredAt} >= ${at(start)}`,
    sql`${callStatusHistory.occurredAt} < ${at(end)}`,
    isAttempt,
  );
}

/**
 * The call of an attempt or a reminder (`callId`), not deleted. `calls.user_id` is implied by the
 * row's owner, but saying it lets PostgreSQL hash the user's calls once instead of one primary-key
 * lookup per row (17k lookups for a 90-day report at 10k calls a user: 80 ms → 35 ms a query;
 * docs/performance.md).
 */
const ownLiveCall = (userId: string, callId: typeof callStatusHistory.callId | typeof reminders.callId) =>
  and(eq(calls.id, callId), eq(calls.userId, userId), isNull(calls.deletedAt));

const ratio = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

function attemptTotalsQuery(db: Executor, userId: string, start: Date, end: Date) {
  return db
    .select({
      callsMade: sql<number>`count(*)::int`,
      contactsReached: sql<number>`(count(distinct ${callStatusHistory.callId}) filter (where ${answered}))::int`,
      ratedAttempts: sql<number>`(count(*) filter (where not ${calls.phoneFlagged}))::int`,
      ratedAnswered: sql<number>`(count(*) filter (where ${answered} and not ${calls.phoneFlagged}))::int`,
      wrongNumbers: sql<number>`(count(distinct ${callStatusHistory.callId}) filter (where ${callStatusHistory.status} = 'wrong_number'))::int`,
    })
    .from(callStatusHistory)
    .innerJoin(calls, ownLiveCall(userId, callStatusHistory.callId))
    .where(attemptsIn(userId, start, end));
}

function callbackTotalsQuery(db: Executor, userId: string, zone: string, start: Date, end: Date, now: Date) {
  // Due in the range and already due: [start, min(end, now)).
  const dueEnd = new Date(Math.min(end.getTime(), now.getTime()));
  const isDue = sql`(${reminders.scheduledAt} >= ${at(start)} and ${reminders.scheduledAt} < ${at(dueEnd)})`;
  const isCreated = sql`(${reminders.createdAt} >= ${at(start)} and ${reminders.createdAt} < ${at(end)})`;
  const onTime = sql`(${reminders.done} and ${reminders.doneAt} is not null and (${reminders.doneAt} at time zone ${zone})::date <= (${reminders.scheduledAt} at time zone ${zone})::date)`;
  return db
    .select({
      scheduled: sql<number>`(count(*) filter (where ${isCreated}))::int`,
      ratedDue: sql<number>`(count(*) filter (where ${isDue} and not ${calls.phoneFlagged}))::int`,
      ratedOnTime: sql<number>`(count(*) filter (where ${isDue} and not ${calls.phoneFlagged} and ${onTime}))::int`,
      overdue: sql<number>`(count(*) filter (where ${isDue} and not ${reminders.done}))::int`,
    })
    .from(reminders)
    .innerJoin(calls, ownLiveCall(userId, reminders.callId))
    .where(and(eq(reminders.userId, userId), sql`(${isCreated} or ${isDue})`));
}

/** Attempts and answered attempts per local date (only dates with attempts). */
function seriesQuery(db: Executor, userId: string, zone: string, start: Date, end: Date) {
  return db
    .select({
      date: sql<string>`to_char(${callStatusHistory.occurredAt} at time zone ${zone}, 'YYYY-MM-DD')`,
      calls: sql<number>`count(*)::int`,
      reached: sql<number>`(count(*) filter (where ${answered}))::int`,
    })
    .from(callStatusHistory)
    .innerJoin(calls, ownLiveCall(userId, callStatusHistory.callId))
    .where(attemptsIn(userId, start, end))
    .groupBy(sql`1`);
}

/** Attempts per outcome. */
function statusMixQuery(db: Executor, userId: string, start: Date, end: Date) {
  return db
    .select({ status: callStatusHistory.status, count: sql<number>`count(*)::int` })
    .from(callStatusHistory)
    .innerJoin(calls, ownLiveCall(userId, callStatusHistory.callId))
    .where(attemptsIn(userId, start, end))
    .groupBy(callStatusHistory.status);
}

/** Answer rate per local ISO weekday × hour, numbers not flagged. */
function bestHoursQuery(db: Executor, userId: string, zone: string, start: Date, end: Date) {
  return db
    .select({
      weekday: sql<number>`extract(isodow from ${callStatusHistory.occurredAt} at time zone ${zone})::int`,
      hour: sql<number>`extract(hour from ${callStatusHistory.occurredAt} at time zone ${zone})::int`,
      attempts: sql<number>`count(*)::int`,
      answered: sql<number>`(count(*) filter (where ${answered}))::int`,
    })
    .from(callStatusHistory)
    .innerJoin(
      calls,
      and(ownLiveCall(userId, callStatusHistory.callId), eq(calls.phoneFlagged, false)),
    )
    .where(attemptsIn(userId, start, end))
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
export function buildKpiQueries(db: Executor, userId: string, zone: string, b: KpiBounds, now: Date) {
  return {
    attempts: attemptTotalsQuery(db, userId, b.start, b.end),
    callbacks: callbackTotalsQuery(db, userId, zone, b.start, b.end, now),
    previousAttempts: attemptTotalsQuery(db, userId, b.previousStart, b.start),
    previousCallbacks: callbackTotalsQuery(db, userId, zone, b.previousStart, b.start, now),
    series: seriesQuery(db, userId, zone, b.start, b.end),
    statusMix: statusMixQuery(db, userId, b.start, b.end),
    bestHours: bestHoursQuery(db, userId, zone, b.start, b.end),
  };
}

type AttemptTotals = Awaited<ReturnType<typeof attemptTotalsQuery>>[number];
type CallbackTotals = Awaited<ReturnType<typeof callbackTotalsQuery>>[number];

/**
 * The KPI totals of a range. Counts include flagged numbers (the calls were made); the rates leave
 * them out (docs/decisions/0024-kpi-definitions.md).
 */
function kpiTotals(attempts: AttemptTotals | undefined, callbacks: CallbackTotals | undefined): KpiTotals {
  const n = (v: number | undefined) => Number(v ?? 0);
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

/** Open reminders due before `end` (today's and overdue) with their live call, in the user's order. */
export async function listOpenRemindersUntil(db: Executor, userId: string, end: Date, order: 'time' | 'priority') {
  const byPriority = sql`case ${reminders.priority} when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`;
  return db
    .select({ reminder: reminders, call: calls })
    .from(reminders)
    .innerJoin(calls, ownLiveCall(userId, reminders.callId))
    .where(and(eq(reminders.userId, userId), eq(reminders.done, false), sql`${reminders.scheduledAt} < ${at(end)}`))
    .orderBy(
      ...(order === 'priority'
        ? [asc(byPriority), asc(reminders.scheduledAt)]
        : [asc(reminders.scheduledAt), desc(byPriority)]),
      asc(reminders.id),
    )
    .limit(500);
}
