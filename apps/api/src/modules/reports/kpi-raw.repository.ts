import { and, eq, sql, type SQL } from 'drizzle-orm';
import { callStatusHistory, calls, type Executor } from '@ct/db';
import { ANSWERED_STATUSES } from '@ct/contracts';
import {
  anyOf,
  at,
  callbackTotalsQuery,
  liveCallIn,
  shapeReport,
  type KpiBounds,
  type KpiScope,
} from './reports.repository.ts';

/**
 * The attempt figures of decision 0024 written straight over `call_status_history`, as the reports ran
 * them before the roll-up (docs/decisions/0110-kpi-roll-up.md). Not on a request's path: it is the
 * definition the roll-up is held to — the oracle of the roll-up tests and the floor of the benchmark.
 */

/** ANSWERED_STATUSES written as literals (`in ('reached', …)`), not parameters: the planner sees the values. */
const answered = sql`${callStatusHistory.status} in (${sql.raw(ANSWERED_STATUSES.map((s) => `'${s}'`).join(', '))})`;
const isAttempt = sql`${callStatusHistory.status} <> 'to_call'`;

/** An attempt of the scope: on the user's calls, or logged by one of the team's members. */
const attemptBy = (scope: KpiScope): SQL | undefined =>
  scope.kind === 'user'
    ? eq(callStatusHistory.userId, scope.userId)
    : anyOf(callStatusHistory.createdBy, scope.memberIds);

function attemptsIn(scope: KpiScope, start: Date, end: Date) {
  return and(
    attemptBy(scope),
    sql`${callStatusHistory.occurredAt} >= ${at(start)}`,
    sql`${callStatusHistory.occurredAt} < ${at(end)}`,
    isAttempt,
  );
}

function attemptTotalsQuery(db: Executor, scope: KpiScope, start: Date, end: Date) {
  const query = db
    .select({
      memberId:
        scope.kind === 'team' ? sql<string | null>`${callStatusHistory.createdBy}` : sql<string | null>`null::uuid`,
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

/** Every raw query of a KPI report, unexecuted (the benchmark times the very same SQL, `.toSQL()`). */
export function buildRawKpiQueries(db: Executor, scope: KpiScope, zone: string, b: KpiBounds, now: Date) {
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

/** A user's report from the raw queries, shaped as the roll-up's (`runKpiQueries`). */
export async function runRawKpiQueries(q: ReturnType<typeof buildRawKpiQueries>) {
  const [attempts, callbacks, previousAttempts, previousCallbacks, series, mix, hours] = await Promise.all([
    q.attempts,
    q.callbacks,
    q.previousAttempts,
    q.previousCallbacks,
    q.series,
    q.statusMix,
    q.bestHours,
  ]);
  return shapeReport({
    attempts: attempts[0],
    callbacks: callbacks[0],
    previousAttempts: previousAttempts[0],
    previousCallbacks: previousCallbacks[0],
    series,
    statusMix: mix,
    bestHours: hours,
  });
}

/** A team's attempt totals per member from the raw queries (the oracle of the team roll-up). */
export function rawTeamAttempts(db: Executor, scope: KpiScope & { kind: 'team' }, b: KpiBounds) {
  return attemptTotalsQuery(db, scope, b.start, b.end);
}
