import { cpus } from 'node:os';
import { DateTime } from 'luxon';
import pg from 'pg';
import autocannon, { type Result } from 'autocannon';
import { DEFAULT_SETTINGS } from '@ct/contracts';
import { createDatabase, type Db } from '@ct/db';
import { dayBounds } from '../apps/api/src/lib/time.ts';
import { buildCallListQueries, type CallListFilters } from '../apps/api/src/modules/calls/calls.repository.ts';
import { buildReminderDayQueries } from '../apps/api/src/modules/calls/reminders.repository.ts';
import { buildKpiQueries } from '../apps/api/src/modules/reports/reports.repository.ts';
import { kpiRange } from '../apps/api/src/modules/reports/reports.service.ts';
import { BENCH_PASSWORD, benchEmail, countBenchCalls, seedBench } from './calls-seed.ts';
import { ensureDatabase, loadAverage, percentile, ratioFigure, round, type Figure } from './figures.ts';
import { FLOOR_SENTINEL_USER, signIn, startApi, startFloor, type Server } from './processes.ts';

/**
 * `npm run bench` › calls: seeds 1,000,000 calls over 100 users in a real PostgreSQL (once; reused
 * on later runs) and starts the API as deployed (its own process, NODE_ENV=production). Then:
 *
 * - latency, one connection: each hot path's HTTP p50/p99 through the whole API (autocannon, every
 *   request as another of ten signed-in users) next to its floor, the same SQL run straight through
 *   node-postgres from this process (the repository's own query builders → `.toSQL()`, the queries of
 *   one request in parallel as the service runs them), with the EXPLAIN ANALYZE server time and
 *   whether any plan scans a table sequentially. Required: `q=` searches and /reports/kpi?range=90d
 *   within 2× their SQL p50.
 * - throughput, BENCH_CONNECTIONS (10) connections: GET /calls (a page of 50, status filter, sorted by
 *   last call) through the API against a bare Fastify route running the same SQL with node-postgres
 *   (bench/floor-server.ts). Required: ≥ 0.6× the floor's requests/s.
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/ct_bench, created if missing),
 * BENCH_CALLS (default 1000000), BENCH_DURATION seconds per run (default 8), BENCH_CONNECTIONS
 * (default 10), BENCH_API_LOG_LEVEL (default info, as deployed), --reseed to rebuild the data.
 */

const URL_DEFAULT = 'postgres://postgres@127.0.0.1:5432/ct_bench';
const SIGNED_IN_USERS = 10;
const SQL_RUNS = 40;
const ZONE = 'Europe/Paris';

interface Query {
  toSQL(): { sql: string; params: unknown[] };
}

interface Scenario {
  name: string;
  path: string;
  /** A required figure (HTTP p50 ≤ 2× SQL p50); the others are shown for context. */
  required?: boolean;
  /** The queries one request runs, in parallel, for one user. */
  queries: (db: Db, userId: string, now: Date) => Query[];
}

const listDefaults = {
  dateField: 'lastCallAt',
  page: 1,
  pageSize: 25,
  sort: { field: 'createdAt', dir: 'desc' },
} satisfies Partial<CallListFilters>;
const callList =
  (f: Partial<CallListFilters>) =>
  (db: Db, userId: string): Query[] => {
    const q = buildCallListQueries(db, { userId }, { ...listDefaults, ...f } as CallListFilters);
    return [q.page, q.total];
  };

/** The throughput scenario: a page of 50 with a status filter, sorted by last call. */
const THROUGHPUT = {
  path: '/calls?status=callback&sort=lastCallAt:desc&pageSize=50',
  filters: { ...listDefaults, statuses: ['callback'], sort: { field: 'lastCallAt', dir: 'desc' }, pageSize: 50 },
} satisfies { path: string; filters: CallListFilters };

function scenarios(phone: string): Scenario[] {
  const now = new Date();
  const local = DateTime.fromJSDate(now, { zone: ZONE });
  const today = local.toISODate()!;
  const weekAgo = local.minus({ days: 7 }).toISODate()!;
  return [
    { name: 'GET /calls (default page)', path: '/calls', queries: callList({}) },
    {
      name: 'GET /calls status+type filters, sort lastCallAt:desc',
      path: '/calls?status=no_answer,callback&type=prospecting&type=follow_up&sort=lastCallAt:desc',
      queries: callList({
        statuses: ['no_answer', 'callback'],
        types: ['prospecting', 'follow_up'],
        sort: { field: 'lastCallAt', dir: 'desc' },
      }),
    },
    {
      name: 'GET /calls page of 50, status, sort lastCallAt',
      path: THROUGHPUT.path,
      queries: callList(THROUGHPUT.filters),
    },
    {
      name: 'GET /calls last 7 days (from/to dates)',
      path: `/calls?from=${weekAgo}&to=${today}&sort=lastCallAt:desc`,
      queries: callList({
        from: local.minus({ days: 7 }).startOf('day').toJSDate(),
        to: local.plus({ days: 1 }).startOf('day').toJSDate(),
        sort: { field: 'lastCallAt', dir: 'desc' },
      }),
    },
    {
      name: 'GET /calls sort lastName:asc',
      path: '/calls?sort=lastName:asc',
      queries: callList({ sort: { field: 'lastName', dir: 'asc' } }),
    },
    { name: 'GET /calls page 200 (offset 4,975)', path: '/calls?page=200', queries: callList({ page: 200 }) },
    {
      name: 'GET /calls?q=dupre (name search)',
      path: '/calls?q=dupre',
      required: true,
      queries: callList({ q: 'dupre' }),
    },
    {
      name: 'GET /calls?q=hélène lef (two words)',
      path: `/calls?q=${encodeURIComponent('hélène lef')}`,
      required: true,
      queries: callList({ q: 'hélène lef' }),
    },
    {
      name: 'GET /calls?q=<phone as +33 6 …>',
      path: `/calls?q=${encodeURIComponent(phone)}`,
      required: true,
      queries: callList({ q: phone }),
    },
    {
      name: 'GET /reminders?date=today',
      path: '/reminders?date=today',
      queries: (db, userId, at) => {
        const q = buildReminderDayQueries(db, userId, {
          ...dayBounds(at, ZONE),
          includeOverdue: true,
          order: DEFAULT_SETTINGS.remindersOrder,
          page: 1,
          pageSize: 100,
        });
        return [q.page, q.total];
      },
    },
    {
      name: 'GET /reports/kpi?range=90d',
      path: '/reports/kpi?range=90d',
      required: true,
      queries: (db, userId, at) =>
        Object.values(
          buildKpiQueries(
            db,
            { kind: 'user', userId },
            ZONE,
            kpiRange({ kind: 'preset', days: 90 }, ZONE, at).bounds,
            at,
          ),
        ),
    },
  ];
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  Plans?: PlanNode[];
}
export function planNodes(node: PlanNode, out: string[] = []): string[] {
  out.push(
    `${node['Node Type']}${node['Index Name'] ? ` using ${node['Index Name']}` : node['Relation Name'] ? ` on ${node['Relation Name']}` : ''}`,
  );
  for (const child of node.Plans ?? []) planNodes(child, out);
  return out;
}

/** How many rows each Sort of the plan took in (its input, not the top-N it kept). */
function sortInputs(node: PlanNode, out: number[] = []): number[] {
  if (node['Node Type'] === 'Sort' || node['Node Type'] === 'Incremental Sort')
    out.push(node.Plans?.[0]?.['Actual Rows'] ?? node['Actual Rows'] ?? 0);
  for (const child of node.Plans ?? []) sortInputs(child, out);
  return out;
}

/** EXPLAIN ANALYZE of one query: planning + execution time (ms), the plan's nodes and what its sorts took in. */
export async function explain(client: pg.Pool, query: { sql: string; params: unknown[] }) {
  const { rows } = await client.query<{
    'QUERY PLAN': [{ Plan: PlanNode; 'Planning Time': number; 'Execution Time': number }];
  }>(`explain (analyze, buffers, format json) ${query.sql}`, query.params);
  const [result] = rows[0]!['QUERY PLAN'];
  return {
    ms: result['Planning Time'] + result['Execution Time'],
    nodes: planNodes(result.Plan),
    sortedRows: sortInputs(result.Plan),
  };
}

/** The SQL floor of a scenario: its queries for one user, in parallel, through node-postgres. */
async function timeSql(pool: pg.Pool, queries: Query[]): Promise<number> {
  const statements = queries.map((q) => q.toSQL());
  const started = performance.now();
  await Promise.all(statements.map((s) => pool.query(s.sql, s.params)));
  return performance.now() - started;
}

/** autocannon against `url`, each request carrying the next of `headerSets` (another user). */
export async function drive(url: string, connections: number, duration: number, headerSets: Record<string, string>[]) {
  let next = 0;
  const result: Result = await autocannon({
    url,
    connections,
    duration,
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          headers: { ...request.headers, ...headerSets[next++ % headerSets.length]! },
        }),
      },
    ],
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: Math.round(result.requests.average),
    requests: result.requests.total,
  };
}

export async function benchCalls() {
  const url = process.env.BENCH_DATABASE_URL ?? URL_DEFAULT;
  const total = Number(process.env.BENCH_CALLS ?? 1_000_000);
  const duration = Number(process.env.BENCH_DURATION ?? 8);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
  const out = process.stdout;
  await ensureDatabase(url);
  const database = await createDatabase({ url, poolMax: 2 });
  await database.migrate();
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const client = await pool.connect();
  try {
    if (process.argv.includes('--reseed') || (await countBenchCalls(client)) !== total) await seedBench(client, total);
  } finally {
    client.release();
  }
  const counts = (
    await pool.query<{ calls: string; reminders: string; history: string; users: string }>(
      `select (select count(*) from calls) as calls, (select count(*) from reminders) as reminders, (select count(*) from call_status_history) as history, (select count(*) from users) as users`,
    )
  ).rows[0]!;
  out.write(`Data: ${JSON.stringify(counts)}\n`);

  const users = (
    await pool.query<{ id: string; email: string }>(
      `select id, email from users where email = any($1) order by email`,
      [Array.from({ length: SIGNED_IN_USERS }, (_, i) => benchEmail(i))],
    )
  ).rows;
  const phoneRow = (
    await pool.query<{ phone_e164: string }>(
      `select phone_e164 from calls where user_id = $1 and phone_e164 is not null limit 1`,
      [users[0]!.id],
    )
  ).rows[0];
  // "+33 6 12 34 56 78": the phone as someone would type it in another format than stored.
  const phone = (phoneRow?.phone_e164 ?? '+33612345678').replace(
    /^\+33(\d)(\d\d)(\d\d)(\d\d)(\d\d)$/,
    '+33 $1 $2 $3 $4 $5',
  );

  const figures: Figure[] = [];
  const results = [];
  let api: Server | undefined = await startApi(url, { LOGIN_RATE_MAX: '1000' });
  let throughput;
  try {
    const sessions = await Promise.all(users.map((u) => signIn(api!.url, u.email, BENCH_PASSWORD)));
    const cookies = sessions.map((s) => ({ cookie: s.cookie }));
    const now = new Date();

    out.write(
      `\nLatency, 1 connection, ${duration} s per path (API in its own process) vs the same SQL via node-postgres:\n`,
    );
    for (const scenario of scenarios(phone)) {
      const http = await drive(`${api.url}${scenario.path}`, 1, duration, cookies);
      const sqlMs: number[] = [];
      const explainMs: number[] = [];
      const nodes = new Set<string>();
      for (let i = 0; i < SQL_RUNS + 5; i++) {
        const queries = scenario.queries(database.db, users[i % users.length]!.id, now);
        const ms = await timeSql(pool, queries);
        if (i >= 5) sqlMs.push(ms); // the first runs warm the connections up
      }
      for (let i = 0; i < SQL_RUNS / 4; i++) {
        let server = 0;
        for (const query of scenario.queries(database.db, users[i % users.length]!.id, now)) {
          const plan = await explain(pool, query.toSQL());
          server += plan.ms;
          for (const n of plan.nodes) nodes.add(n);
        }
        explainMs.push(server);
      }
      const seqScans = [...nodes].filter((n) => n.startsWith('Seq Scan'));
      const sql = { p50: round(percentile(sqlMs, 50)), p99: round(percentile(sqlMs, 99)) };
      const ratio = round(http.p50 / sql.p50);
      const row = {
        scenario: scenario.name,
        path: scenario.path,
        loadAverage: loadAverage(),
        http,
        sql: { ...sql, explainP50: round(percentile(explainMs, 50)) },
        ratio,
        target: scenario.required ? 2 : null,
        plan: [...nodes],
        seqScans,
      };
      results.push(row);
      if (scenario.required)
        figures.push(
          ratioFigure(
            {
              benchmark: 'calls',
              name: `${scenario.name} HTTP p50`,
              measured: http.p50,
              unit: 'ms',
              floor: sql.p50,
              floorLabel: 'SQL p50',
              detail: { httpP99: http.p99, sqlP99: sql.p99, explainP50: row.sql.explainP50 },
            },
            { max: 2 },
          ),
        );
      out.write(
        `${scenario.name.padEnd(48)} HTTP p50 ${fmt(http.p50)} p99 ${fmt(http.p99)} │ SQL p50 ${fmt(sql.p50)} p99 ${fmt(sql.p99)} (server ${fmt(row.sql.explainP50)}) │ ${String(ratio).padStart(5)}×${scenario.required ? ` (≤ 2×: ${ratio <= 2 ? 'pass' : 'FAIL'})` : ''} │ load ${row.loadAverage}${seqScans.length ? `  ⚠ ${seqScans.join(', ')}` : ''}\n`,
      );
    }

    out.write(`\nThroughput, ${connections} connections, ${duration} s: ${THROUGHPUT.path}\n`);
    const viaApi = await drive(`${api.url}${THROUGHPUT.path}`, connections, duration, cookies);
    const apiRss = api.rssMb();
    out.write(
      `  API                       ${String(viaApi.rps).padStart(6)} req/s, p50 ${fmt(viaApi.p50)} p99 ${fmt(viaApi.p99)} │ RSS ${apiRss} MB │ load ${loadAverage()}\n`,
    );
    await api.stop();
    api = undefined;
    const floorQueries = buildCallListQueries(database.db, { userId: FLOOR_SENTINEL_USER }, THROUGHPUT.filters);
    const floor = await startFloor(url, [
      { path: THROUGHPUT.path, queries: [floorQueries.page.toSQL(), floorQueries.total.toSQL()] },
    ]);
    let viaFloor;
    try {
      viaFloor = await drive(
        `${floor.url}${THROUGHPUT.path}`,
        connections,
        duration,
        users.map((u) => ({ 'x-bench-user': u.id })),
      );
    } finally {
      await floor.stop();
    }
    out.write(
      `  floor (bare Fastify + pg) ${String(viaFloor.rps).padStart(6)} req/s, p50 ${fmt(viaFloor.p50)} p99 ${fmt(viaFloor.p99)} │ load ${loadAverage()}\n`,
    );
    const figure = ratioFigure(
      {
        benchmark: 'calls',
        name: `GET /calls page of 50, status filter, by last call — ${connections} connections`,
        measured: viaApi.rps,
        unit: 'req/s',
        floor: viaFloor.rps,
        floorLabel: 'bare Fastify + same SQL',
        detail: { api: viaApi, floor: viaFloor, apiRssMb: apiRss },
      },
      { min: 0.6 },
    );
    out.write(`  API / floor: ${figure.ratio}× (target ≥ 0.6×) — ${figure.pass ? 'pass' : 'FAIL'}\n`);
    figures.unshift(figure);
    throughput = { path: THROUGHPUT.path, connections, api: viaApi, floor: viaFloor, ratio: figure.ratio };
  } finally {
    await api?.stop();
    await database.close();
    await pool.end();
  }

  const failing = results.filter((r) => r.seqScans.some((n) => /calls|reminders|call_status_history/.test(n)));
  if (failing.length) out.write(`⚠ sequential scans on hot paths: ${failing.map((r) => r.scenario).join('; ')}\n`);
  return {
    ok: failing.length === 0 && figures.every((f) => f.pass),
    figures,
    benchmark: 'calls',
    date: new Date().toISOString(),
    cpus: cpus().length,
    database: url.replace(/\/\/[^@]*@/, '//'),
    data: counts,
    durationSeconds: duration,
    sqlRuns: SQL_RUNS,
    throughput,
    results,
  };
}

const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`.padStart(9);
