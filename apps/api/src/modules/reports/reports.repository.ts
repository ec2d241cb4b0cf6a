import { and, eq, gte, inArray, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { calls, kpiAttemptBuckets as b, kpiContactDays as d, reminders, type Executor } from '@ct/db';
import { type PgColumn } from 'drizzle-orm/pg-core';
import { ANSWERED_STATUSES, CALL_STATUSES, type CallStatus, type KpiTotals } from '@ct/contracts';
import { reminderOrder } from '../calls/index.ts';

/**
 * The report queries, in the viewer's zone. The attempt figures read the roll-up (`kpi_attempt_buckets`,
 * `kpi_contact_days`), which database triggers keep equal to the history (decision 0110; the raw
 * queries are kept in kpi-raw.repository.ts as its definition); the callback figures read `reminders`.
 */

export const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * Whose attempts and reminders a report counts: one user's own calls (GET /reports/kpi), or a team's
 * (GET /reports/team): the calls on the team's lists, with the attempts its members logged and the
 * reminders they hold, per member. Every query takes a scope, so both reports run the same SQL
 * (docs/decisions/0061-team-kpis-share-the-personal-code-path.md).
 */
export type KpiScope = { kind: 'user'; userId: string } | { kind: 'team'; listIds: string[]; memberIds: string[] };

export const anyOf = (column: PgColumn, ids: string[]) => (ids.length ? inArray(column, ids) : sql`false`);

/**
 * The call of an attempt or a reminder (`callId`), not deleted: for a user, one of their own calls or
 * a call on a team list (the attempt and the callback on a team call are the member's who logged it,
 * decision 0062); for a team, one on the team's lists. For a user, `calls.user_id` is implied by the
 * row's owner for personal calls, but saying it lets PostgreSQL hash the user's calls (and the list
 * calls, by their partial index) once instead of one primary-key lookup per row (docs/performance.md).
 */
export function liveCallIn(scope: KpiScope, callId: PgColumn) {
  return and(
    eq(calls.id, callId),
    scope.kind === 'user'
      ? or(eq(calls.userId, scope.userId), isNotNull(calls.listId))
      : anyOf(calls.listId, scope.listIds),
    isNull(calls.deletedAt),
  );
}

/** A reminder of the scope: the user's, or one a member of the team holds. */
const reminderOf = (scope: KpiScope): SQL | undefined =>
  scope.kind === 'user' ? eq(reminders.userId, scope.userId) : anyOf(reminders.userId, scope.memberIds);

const ratio = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

export function callbackTotalsQuery(db: Executor, scope: KpiScope, zone: string, start: Date, end: Date, now: Date) {
  // Due in the range and already due: [start, min(end, now)).
  const dueEnd = new Date(Math.min(end.getTime(), now.getTime()));
  const isDue = sql`(${reminders.scheduledAt} >= ${at(start)} and ${reminders.scheduledAt} < ${at(dueEnd)})`;
  const isCreated = sql`(${reminders.createdAt} >= ${at(start)} and ${reminders.createdAt} < ${at(end)})`;
  const onTime = sql`(${reminders.done} and ${reminders.doneAt} is not null and (${reminders.doneAt} at time zone ${zone})::date <= (${reminders.scheduledAt} at time zone ${zone})::date)`;
  const query = db
    .select({
      memberId: scope.kind === 'team' ? sql<string | null>`${reminders.userId}` : sql<string | null>`null::uuid`,
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

/** The roll-up's outcome columns, in the domain order (to_call is not an attempt). */
const OUTCOMES = {
  no_answer: b.noAnswer,
  voicemail: b.voicemail,
  callback: b.callback,
  reached: b.reached,
  not_interested: b.notInterested,
  wrong_number: b.wrongNumber,
  done: b.done,
} satisfies Record<Exclude<CallStatus, 'to_call'>, unknown>;
const ANSWERED_COLUMNS = [b.callback, b.reached, b.notInterested, b.done];
const ANSWERED_OUTCOMES = new Set<CallStatus>(ANSWERED_STATUSES);
const total = (columns: PgColumn[]) => sql<number>`sum(${sql.join(columns, sql` + `)})::int`;
const outcomeSums = {
  ...Object.fromEntries(Object.entries(OUTCOMES).map(([status, column]) => [status, sql<number>`sum(${column})::int`])),
} as Record<keyof typeof OUTCOMES, SQL<number>>;

/** The roll-up rows of a user's report: both periods, per local date and hour in the user's zone. */
function userHoursQuery(db: Executor, userId: string, zone: string, bounds: KpiBounds) {
  return db
    .select({
      localHour: sql<string>`to_char(${b.bucket} at time zone ${zone}, 'YYYY-MM-DD HH24')`,
      ...outcomeSums,
      ratedAttempts: sql<number>`sum(${b.ratedAttempts})::int`,
      ratedAnswered: sql<number>`sum(${b.ratedAnswered})::int`,
    })
    .from(b)
    .where(and(eq(b.userId, userId), gte(b.bucket, bounds.previousStart), lt(b.bucket, bounds.end)))
    .groupBy(sql`1`);
}

/** Distinct calls with an answered (a wrong-number) attempt in a range: each counted on its first date in it. */
function firstDates(column: PgColumn, from: string, to: string) {
  return sql<number>`coalesce(sum(${column}) filter (where ${d.day} >= ${from}::date and ${d.day} <= ${to}::date and (${d.gap} = 0 or ${d.gap} > ${d.day} - ${from}::date)), 0)::int`;
}
function userContactsQuery(db: Executor, userId: string, bounds: KpiBounds) {
  return db
    .select({
      contactsReached: firstDates(d.answered, bounds.from, bounds.to),
      wrongNumbers: firstDates(d.wrong, bounds.from, bounds.to),
      previousContactsReached: firstDates(d.answered, bounds.previousFrom, bounds.previousTo),
      previousWrongNumbers: firstDates(d.wrong, bounds.previousFrom, bounds.previousTo),
    })
    .from(d)
    .where(
      and(eq(d.userId, userId), sql`${d.day} >= ${bounds.previousFrom}::date`, sql`${d.day} <= ${bounds.to}::date`),
    );
}

/** A team's attempt totals per member, from the roll-up rows of its lists. */
function teamAttemptsQuery(db: Executor, scope: KpiScope & { kind: 'team' }, bounds: KpiBounds) {
  return db
    .select({
      memberId: b.memberId,
      callsMade: total(Object.values(OUTCOMES)),
      answered: total(ANSWERED_COLUMNS),
      ratedAttempts: sql<number>`sum(${b.ratedAttempts})::int`,
      ratedAnswered: sql<number>`sum(${b.ratedAnswered})::int`,
    })
    .from(b)
    .where(
      and(
        anyOf(b.listId, scope.listIds),
        anyOf(b.memberId, scope.memberIds),
        gte(b.bucket, bounds.start),
        lt(b.bucket, bounds.end),
      ),
    )
    .groupBy(b.memberId);
}

export interface KpiBounds {
  /** The range: [start, end), the local dates from..to. */
  start: Date;
  end: Date;
  from: string;
  to: string;
  /** The period of equal length before: [previousStart, start), the local dates previousFrom..previousTo. */
  previousStart: Date;
  previousFrom: string;
  previousTo: string;
}

/**
 * Every query of a user's KPI report, unexecuted: `runKpiQueries` runs them (all at once — they are
 * independent), the benchmark times the very same SQL (`.toSQL()`).
 */
export function buildKpiQueries(
  db: Executor,
  scope: KpiScope & { kind: 'user' },
  zone: string,
  bounds: KpiBounds,
  now: Date,
) {
  return {
    hours: userHoursQuery(db, scope.userId, zone, bounds),
    contacts: userContactsQuery(db, scope.userId, bounds),
    callbacks: callbackTotalsQuery(db, scope, zone, bounds.start, bounds.end, now),
    previousCallbacks: callbackTotalsQuery(db, scope, zone, bounds.previousStart, bounds.start, now),
  };
}

interface AttemptTotals {
  callsMade: number;
  answered: number;
  contactsReached?: number;
  ratedAttempts: number;
  ratedAnswered: number;
  wrongNumbers?: number;
}
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

/** The figures of a user's report, from either the roll-up or the raw queries (kpi-raw.repository.ts). */
export function shapeReport(r: {
  attempts: AttemptTotals | undefined;
  callbacks: CallbackTotals | undefined;
  previousAttempts: AttemptTotals | undefined;
  previousCallbacks: CallbackTotals | undefined;
  series: { date: string; calls: number; reached: number }[];
  statusMix: { status: CallStatus; count: number }[];
  bestHours: { weekday: number; hour: number; attempts: number; answered: number }[];
}) {
  return {
    totals: kpiTotals(r.attempts, r.callbacks),
    previous: kpiTotals(r.previousAttempts, r.previousCallbacks),
    series: r.series
      .map((p) => ({ date: p.date, calls: Number(p.calls), reached: Number(p.reached) }))
      .sort((x, y) => x.date.localeCompare(y.date)),
    statusMix: r.statusMix
      .map((m) => ({ status: m.status, count: Number(m.count) }))
      .sort((x, y) => CALL_STATUSES.indexOf(x.status) - CALL_STATUSES.indexOf(y.status)),
    bestHours: r.bestHours
      .map((h) => ({
        weekday: Number(h.weekday),
        hour: Number(h.hour),
        attempts: Number(h.attempts),
        answered: Number(h.answered),
        rate: ratio(Number(h.answered), Number(h.attempts)) ?? 0,
      }))
      .sort((x, y) => x.weekday - y.weekday || x.hour - y.hour),
  };
}

/** ISO weekday (Monday 1 … Sunday 7) of a local date. */
const isoWeekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay() || 7;

type Cell = { attempts: number; answered: number };
const add = <K>(map: Map<K, Cell>, key: K, attempts: number, answered: number) => {
  const cell = map.get(key) ?? { attempts: 0, answered: 0 };
  cell.attempts += attempts;
  cell.answered += answered;
  map.set(key, cell);
};

/** Runs a user's report queries in parallel and adds the roll-up's local hours up into its figures. */
export async function runKpiQueries(q: ReturnType<typeof buildKpiQueries>, bounds: KpiBounds) {
  const [hours, [contacts], [callbacks], [previousCallbacks]] = await Promise.all([
    q.hours,
    q.contacts,
    q.callbacks,
    q.previousCallbacks,
  ]);
  const empty = (): AttemptTotals => ({ callsMade: 0, answered: 0, ratedAttempts: 0, ratedAnswered: 0 });
  const current = empty();
  const previous = empty();
  const byDate = new Map<string, Cell>();
  const byHour = new Map<string, Cell>();
  const mix = new Map<CallStatus, number>();
  for (const row of hours) {
    const date = row.localHour.slice(0, 10);
    const sums = Object.keys(OUTCOMES).map((s) => [s as CallStatus, Number(row[s as keyof typeof OUTCOMES])] as const);
    const attempts = sums.reduce((sum, [, count]) => sum + count, 0);
    const answered = sums.reduce((sum, [s, count]) => sum + (ANSWERED_OUTCOMES.has(s) ? count : 0), 0);
    const totals = date < bounds.from ? previous : current;
    totals.callsMade += attempts;
    totals.answered += answered;
    totals.ratedAttempts += Number(row.ratedAttempts);
    totals.ratedAnswered += Number(row.ratedAnswered);
    if (totals === previous) continue;
    add(byDate, date, attempts, answered);
    add(
      byHour,
      `${isoWeekday(date)} ${row.localHour.slice(11, 13)}`,
      Number(row.ratedAttempts),
      Number(row.ratedAnswered),
    );
    for (const [status, count] of sums) mix.set(status, (mix.get(status) ?? 0) + count);
  }
  return shapeReport({
    attempts: { ...current, contactsReached: contacts?.contactsReached, wrongNumbers: contacts?.wrongNumbers },
    callbacks,
    previousAttempts: {
      ...previous,
      contactsReached: contacts?.previousContactsReached,
      wrongNumbers: contacts?.previousWrongNumbers,
    },
    previousCallbacks,
    series: [...byDate]
      .filter(([, c]) => c.attempts > 0)
      .map(([date, c]) => ({ date, calls: c.attempts, reached: c.answered })),
    statusMix: [...mix].filter(([, count]) => count > 0).map(([status, count]) => ({ status, count })),
    bestHours: [...byHour]
      .filter(([, c]) => c.attempts > 0)
      .map(([key, c]) => {
        const [weekday, hour] = key.split(' ').map(Number);
        return { weekday: weekday!, hour: hour!, ...c };
      }),
  });
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
 * A team's KPIs over a range, per member and in total: the attempts from the roll-up rows of its lists,
 * the callbacks from the same query as a user's, both grouped by member. The totals add the members'
 * counts up and take the rates from the sums (contactsReached and wrongNumbers, distinct contacts, do
 * not add and are not shown).
 */
export async function runTeamKpis(
  db: Executor,
  scope: KpiScope & { kind: 'team' },
  zone: string,
  bounds: KpiBounds,
  now: Date,
) {
  const [attempts, callbacks] = await Promise.all([
    teamAttemptsQuery(db, scope, bounds),
    callbackTotalsQuery(db, scope, zone, bounds.start, bounds.end, now),
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
