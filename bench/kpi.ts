import pg from 'pg';
import { createDatabase, teamLists } from '@ct/db';
import { buildRawKpiQueries, rawTeamAttempts } from '../apps/api/src/modules/reports/kpi-raw.repository.ts';
import { buildKpiQueries, callbackTotalsQuery } from '../apps/api/src/modules/reports/reports.repository.ts';
import { kpiRange } from '../apps/api/src/modules/reports/reports.service.ts';
import { drive } from './calls.ts';
import { backfillKpiRollup } from './calls-seed.ts';
import { ensureDatabase, loadAverage, percentile, ratioFigure, round, type Figure } from './figures.ts';
import { signIn, startApi, type Server } from './processes.ts';
import { insertTeamOfCallers } from './team-seed.ts';

/**
 * `npm run bench -- kpi`: the KPI reports of one caller with ten times the calls benchmark's attempts
 * (170,000 in 90 days; as many in the 90 days before, for `previous`), a team lead whose two lists
 * hold 30 % of their contacts and which four more members work (40,000 attempts each in 180 days).
 * Measured: `GET /reports/kpi?range=90d` and `GET /reports/team?range=90d` HTTP p50 (one connection,
 * the API in its own process), each next to its floor, the raw SQL of a one-day report (the queries
 * over the history the reports ran before the roll-up, decision 0110) sent by node-postgres; target
 * ≤ 2×. Shown beside them: the roll-up's own SQL and the raw SQL over 90 days, and the backfill's time.
 *
 * KPI_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/ct_bench_kpi, recreated each run),
 * KPI_ATTEMPTS (default 340000, the caller's, over 180 days), BENCH_DURATION seconds per path (8).
 */

const URL_DEFAULT = 'postgres://postgres@127.0.0.1:5432/ct_bench_kpi';
const PASSWORD = 'bench-kpi-password-1234';
const ZONE = 'Europe/Paris';
const CALLS = 100_000;
const MEMBERS = 4;
const MEMBER_ATTEMPTS = 40_000;
const SQL_RUNS = 40;

interface Query {
  toSQL(): { sql: string; params: unknown[] };
}

async function timed<T>(label: string, run: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const started = performance.now();
  const result = await run();
  const seconds = round((performance.now() - started) / 1000, 1);
  process.stdout.write(`  ${label}: ${seconds} s\n`);
  return { result, seconds };
}

async function seedPeople(url: string) {
  const database = await createDatabase({ url, poolMax: 2 });
  try {
    await database.migrate();
    const { people, teamId } = await insertTeamOfCallers(database.db, {
      emailPrefix: 'kpi',
      count: MEMBERS + 1,
      password: PASSWORD,
      teamName: 'Bench KPI',
      timezone: ZONE,
      leadFirst: true,
    });
    const lists = await database.db
      .insert(teamLists)
      .values(['Printemps', 'Automne'].map((name) => ({ teamId, name, createdBy: people[0]!.id })))
      .returning({ id: teamLists.id });
    return { caller: people[0]!, members: people.slice(1), teamId, listIds: lists.map((l) => l.id) };
  } finally {
    await database.close();
  }
}

/** Attempts on working hours (08:00–19:00 Paris) of the last `days` days, never in the future. */
const attemptAt = (days: number) =>
  `least(now(), ((date_trunc('day', now() at time zone '${ZONE}') - floor(random() * ${days}) * interval '1 day' + interval '8 hours' + random() * interval '11 hours') at time zone '${ZONE}'))`;
const outcome = `(case when r < 0.35 then 'no_answer' when r < 0.50 then 'voicemail' when r < 0.62 then 'callback' when r < 0.82 then 'reached'
  when r < 0.90 then 'not_interested' when r < 0.93 then 'wrong_number' else 'done' end)::call_status`;

/**
 * Calls, history and reminders generated inside PostgreSQL, triggers off (session_replication_role),
 * then the roll-up filled by the migration's own backfill — timed: it is what an upgrade runs.
 */
async function seedVolume(client: pg.ClientBase, people: Awaited<ReturnType<typeof seedPeople>>, attempts: number) {
  const [l1, l2] = people.listIds;
  await client.query('select setseed(0.67)');
  await client.query('set session_replication_role = replica');
  await timed(`${CALLS.toLocaleString('en')} calls (30 % on the team's lists, 2 % flagged, 1 % deleted)`, () =>
    client.query(
      `insert into calls (user_id, list_id, contact_first_name, contact_last_name, phone, phone_flagged, status, deleted_at, created_at, updated_at)
       select $1, case when i % 10 < 2 then $2::uuid when i % 10 = 2 then $3::uuid end, 'Contact', 'N' || i, '06' || lpad(i::text, 8, '0'),
              random() < 0.02, 'no_answer', case when random() < 0.01 then now() - interval '1 day' end, now() - interval '200 days', now()
       from generate_series(1, $4) i`,
      [people.caller.id, l1, l2, CALLS],
    ),
  );
  await client.query(
    `create temp table kpi_calls as select row_number() over (order by id) as n, id, list_id from calls where user_id = $1`,
    [people.caller.id],
  );
  await client.query(
    `create temp table kpi_list_calls as select row_number() over (order by id) as n, id from kpi_calls where list_id is not null`,
  );
  const history = await timed(`${attempts.toLocaleString('en')} attempts by the caller over 180 days`, () =>
    client.query(
      `insert into call_status_history (call_id, user_id, status, occurred_at, created_by)
       select c.id, $1, ${outcome}, ${attemptAt(180)}, $1
       from (select 1 + floor(random() * $2)::int as n, random() as r from generate_series(1, $3)) g join kpi_calls c on c.n = g.n`,
      [people.caller.id, CALLS, attempts],
    ),
  );
  const listCalls = Number((await client.query<{ n: string }>('select count(*) as n from kpi_list_calls')).rows[0]!.n);
  await timed(`${(MEMBERS * MEMBER_ATTEMPTS).toLocaleString('en')} attempts by ${MEMBERS} members on the lists`, () =>
    client.query(
      `insert into call_status_history (call_id, user_id, status, occurred_at, created_by)
       select c.id, m.id, ${outcome}, ${attemptAt(180)}, m.id
       from unnest($1::uuid[]) m(id) cross join lateral (select 1 + floor(random() * $2)::int as n, random() as r from generate_series(1, $3)) g
       join kpi_list_calls c on c.n = g.n`,
      [people.members.map((m) => m.id), listCalls, MEMBER_ATTEMPTS],
    ),
  );
  await client.query(
    `insert into reminders (call_id, user_id, scheduled_at, previous_status, priority, done, done_at, created_at, updated_at)
     select id, $1, s.at, 'callback', 'normal', s.at < now() and random() < 0.6, case when s.at < now() then s.at + interval '2 hours' end, s.at - interval '2 days', now()
     from (select id, now() - random() * interval '180 days' as at from kpi_calls where n % 5 = 0) s`,
    [people.caller.id],
  );
  await client.query(`update reminders set done_at = null where not done`);
  await client.query('set session_replication_role = origin');
  const backfill = await timed('roll-up backfill (the migration’s)', () => backfillKpiRollup(client));
  await timed('vacuum analyze', async () => {
    for (const table of ['calls', 'call_status_history', 'reminders', 'kpi_attempt_buckets', 'kpi_contact_days'])
      await client.query(`vacuum analyze ${table}`);
  });
  return { historySeconds: history.seconds, backfillSeconds: backfill.seconds };
}

/** p50/p99 of the statements of one report run in parallel through node-postgres, as the service runs them. */
async function sqlP50(pool: pg.Pool, build: () => Query[]) {
  const ms: number[] = [];
  for (let i = 0; i < SQL_RUNS + 5; i++) {
    const statements = build().map((q) => q.toSQL());
    const started = performance.now();
    await Promise.all(statements.map((s) => pool.query(s.sql, s.params)));
    if (i >= 5) ms.push(performance.now() - started);
  }
  return { p50: round(percentile(ms, 50)), p99: round(percentile(ms, 99)) };
}

export async function benchKpi() {
  const url = process.env.KPI_DATABASE_URL ?? URL_DEFAULT;
  const attempts = Number(process.env.KPI_ATTEMPTS ?? 340_000);
  const duration = Number(process.env.BENCH_DURATION ?? 8);
  const out = process.stdout;
  await ensureDatabase(url, { fresh: true });
  const people = await seedPeople(url);
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  const client = await pool.connect();
  let seeded;
  try {
    seeded = await seedVolume(client, people, attempts);
  } finally {
    client.release();
  }
  const counts = (
    await pool.query<Record<string, string>>(
      `select (select count(*) from call_status_history) as history,
              (select count(*) from call_status_history where user_id = $1 and occurred_at >= now() - interval '90 days') as "caller90d",
              (select count(*) from kpi_attempt_buckets) as buckets, (select count(*) from kpi_contact_days) as "contactDays"`,
      [people.caller.id],
    )
  ).rows[0]!;
  out.write(`Data: ${JSON.stringify(counts)}\n`);

  const database = await createDatabase({ url, poolMax: 2 });
  const now = new Date();
  const user = { kind: 'user' as const, userId: people.caller.id };
  const team = {
    kind: 'team' as const,
    listIds: people.listIds,
    memberIds: [people.caller.id, ...people.members.map((m) => m.id)],
  };
  const ninety = kpiRange({ kind: 'preset', days: 90 }, ZONE, now).bounds;
  const oneDay = kpiRange({ kind: 'preset', days: 1 }, ZONE, now).bounds;
  const db = database.db;
  const sql = {
    kpiRawOneDay: await sqlP50(pool, () => Object.values(buildRawKpiQueries(db, user, ZONE, oneDay, now))),
    kpiRaw90d: await sqlP50(pool, () => Object.values(buildRawKpiQueries(db, user, ZONE, ninety, now))),
    kpiRollup90d: await sqlP50(pool, () => Object.values(buildKpiQueries(db, user, ZONE, ninety, now))),
    teamRawOneDay: await sqlP50(pool, () => [
      rawTeamAttempts(db, team, oneDay),
      callbackTotalsQuery(db, team, ZONE, oneDay.start, oneDay.end, now),
    ]),
    teamRaw90d: await sqlP50(pool, () => [
      rawTeamAttempts(db, team, ninety),
      callbackTotalsQuery(db, team, ZONE, ninety.start, ninety.end, now),
    ]),
  };
  await database.close();
  out.write(`SQL p50 (ms): ${JSON.stringify(Object.fromEntries(Object.entries(sql).map(([k, v]) => [k, v.p50])))}\n`);

  let api: Server | undefined = await startApi(url);
  const figures: Figure[] = [];
  const http: Record<string, Awaited<ReturnType<typeof drive>>> = {};
  try {
    const session = await signIn(api.url, people.caller.email, PASSWORD);
    const headers = [{ cookie: session.cookie }];
    http.kpi = await drive(`${api.url}/reports/kpi?range=90d`, 1, duration, headers);
    http.team = await drive(`${api.url}/reports/team?teamId=${people.teamId}&range=90d`, 1, duration, headers);
    await api.stop();
    api = undefined;
  } finally {
    await api?.stop();
    await pool.end();
  }
  for (const [key, label, floor] of [
    ['kpi', 'GET /reports/kpi?range=90d at 10× attempts', sql.kpiRawOneDay],
    ['team', 'GET /reports/team?range=90d at 10× attempts', sql.teamRawOneDay],
  ] as const) {
    const figure = ratioFigure(
      {
        benchmark: 'kpi',
        name: `${label} HTTP p50`,
        measured: http[key]!.p50,
        unit: 'ms',
        floor: floor.p50,
        floorLabel: 'raw SQL p50, one day',
        detail: { httpP99: http[key]!.p99, floorP99: floor.p99 },
      },
      { max: 2 },
    );
    figures.push(figure);
    out.write(
      `${label.padEnd(46)} HTTP p50 ${http[key]!.p50} ms (p99 ${http[key]!.p99}) │ raw one-day SQL p50 ${floor.p50} ms │ ${figure.ratio}× (≤ 2×: ${figure.pass ? 'pass' : 'FAIL'}) │ load ${loadAverage()}\n`,
    );
  }
  return {
    ok: figures.every((f) => f.pass),
    figures,
    benchmark: 'kpi',
    date: new Date().toISOString(),
    database: url.replace(/\/\/[^@]*@/, '//'),
    data: counts,
    seed: seeded,
    sql,
    http,
  };
}
