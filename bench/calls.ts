import { cpus, loadavg } from 'node:os';
import { DateTime } from 'luxon';
import pg from 'pg';
import autocannon from 'autocannon';
import { DEFAULT_SETTINGS } from '@ct/contracts';
import { createDatabase, type Db } from '@ct/db';
import { buildApp } from '../apps/api/src/app.ts';
import { loadEnv } from '../apps/api/src/env.ts';
import { dayBounds } from '../apps/api/src/lib/time.ts';
import { buildCallListQueries, type CallListFilters } from '../apps/api/src/modules/calls/calls.repository.ts';
import { buildReminderDayQueries } from '../apps/api/src/modules/reminders/reminders.repository.ts';
import { BENCH_PASSWORD, benchEmail, countBenchCalls, seedBench } from './calls-seed.ts';

/**
 * `npm run bench` › calls: seeds 1,000,000 calls over 100 users in a real PostgreSQL (once; reused
 * on later runs), then for each hot path prints the HTTP latency through the whole API (autocannon
 * against a listening server) next to the SQL time of the very same queries (EXPLAIN ANALYZE of the
 * repository's own query builders), and whether any plan scans a table sequentially.
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/ct_bench, created if missing),
 * BENCH_CALLS (default 1000000), BENCH_DURATION seconds per scenario (default 8),
 * BENCH_CONNECTIONS (default 1: latency, not throughput), --reseed to rebuild the data.
 */

const URL_DEFAULT = 'postgres://postgres@127.0.0.1:5432/ct_bench';
const SIGNED_IN_USERS = 10;
const SQL_RUNS = 40;

interface Scenario {
  name: string;
  path: (ctx: { today: string; weekAgo: string; phone: string }) => string;
  /** The repository queries the endpoint runs, for one user. */
  queries: (
    db: Db,
    userId: string,
    now: Date,
  ) => {
    page: { toSQL(): { sql: string; params: unknown[] } };
    total: { toSQL(): { sql: string; params: unknown[] } };
  };
}

const ZONE = 'Europe/Paris';
const listDefaults = {
  dateField: 'lastCallAt',
  page: 1,
  pageSize: 25,
  sort: { field: 'createdAt', dir: 'desc' },
} satisfies Partial<CallListFilters>;
const callList = (f: Partial<CallListFilters>) => (db: Db, userId: string) =>
  buildCallListQueries(db, userId, { ...listDefaults, ...f } as CallListFilters);

function scenarios(samplePhone: string): Scenario[] {
  const now = new Date();
  const local = DateTime.fromJSDate(now, { zone: ZONE });
  return [
    { name: 'GET /calls (default page)', path: () => '/calls', queries: callList({}) },
    {
      name: 'GET /calls status+type filters, sort lastCallAt:desc',
      path: () => '/calls?status=no_answer,callback&type=prospecting&type=follow_up&sort=lastCallAt:desc',
      queries: callList({
        statuses: ['no_answer', 'callback'],
        types: ['prospecting', 'follow_up'],
        sort: { field: 'lastCallAt', dir: 'desc' },
      }),
    },
    {
      name: 'GET /calls last 7 days (from/to dates)',
      path: (c) => `/calls?from=${c.weekAgo}&to=${c.today}&sort=lastCallAt:desc`,
      queries: callList({
        from: local.minus({ days: 7 }).startOf('day').toJSDate(),
        to: local.plus({ days: 1 }).startOf('day').toJSDate(),
        sort: { field: 'lastCallAt', dir: 'desc' },
      }),
    },
    {
      name: 'GET /calls sort lastName:asc',
      path: () => '/calls?sort=lastName:asc',
      queries: callList({ sort: { field: 'lastName', dir: 'asc' } }),
    },
    { name: 'GET /calls page 200 (offset 4,975)', path: () => '/calls?page=200', queries: callList({ page: 200 }) },
    { name: 'GET /calls?q=dupre (name search)', path: () => '/calls?q=dupre', queries: callList({ q: 'dupre' }) },
    {
      name: 'GET /calls?q=hélène lef (two words)',
      path: () => `/calls?q=${encodeURIComponent('hélène lef')}`,
      queries: callList({ q: 'hélène lef' }),
    },
    {
      name: 'GET /calls?q=<phone as +33 6 …>',
      path: (c) => `/calls?q=${encodeURIComponent(c.phone)}`,
      queries: callList({ q: samplePhone }),
    },
    {
      name: 'GET /reminders?date=today',
      path: () => '/reminders?date=today',
      queries: (db, userId, at) =>
        buildReminderDayQueries(db, userId, {
          ...dayBounds(at, ZONE),
          includeOverdue: true,
          order: DEFAULT_SETTINGS.remindersOrder,
          page: 1,
          pageSize: 100,
        }),
    },
  ];
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}
function planNodes(node: PlanNode, out: string[] = []): string[] {
  out.push(
    `${node['Node Type']}${node['Index Name'] ? ` using ${node['Index Name']}` : node['Relation Name'] ? ` on ${node['Relation Name']}` : ''}`,
  );
  for (const child of node.Plans ?? []) planNodes(child, out);
  return out;
}

/** EXPLAIN ANALYZE of one query: planning + execution time (ms) and the plan's nodes. */
async function explain(client: pg.Client, query: { sql: string; params: unknown[] }) {
  const { rows } = await client.query<{
    'QUERY PLAN': [{ Plan: PlanNode; 'Planning Time': number; 'Execution Time': number }];
  }>(`explain (analyze, buffers, format json) ${query.sql}`, query.params);
  const [result] = rows[0]!['QUERY PLAN'];
  return { ms: result['Planning Time'] + result['Execution Time'], nodes: planNodes(result.Plan) };
}

async function ensureDatabase(url: string) {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

async function signIn(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

export async function benchCalls() {
  const url = process.env.BENCH_DATABASE_URL ?? URL_DEFAULT;
  const total = Number(process.env.BENCH_CALLS ?? 1_000_000);
  const duration = Number(process.env.BENCH_DURATION ?? 8);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 1);
  await ensureDatabase(url);
  const database = await createDatabase({ url, poolMax: 10 });
  await database.migrate();

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  if (process.argv.includes('--reseed') || (await countBenchCalls(client)) !== total) await seedBench(client, total);
  const counts = (
    await client.query<{ calls: string; reminders: string; history: string; users: string }>(
      `select (select count(*) from calls) as calls, (select count(*) from reminders) as reminders, (select count(*) from call_status_history) as history, (select count(*) from users) as users`,
    )
  ).rows[0]!;
  process.stdout.write(`Data: ${JSON.stringify(counts)}\n`);

  // Jobs off: a scheduled scan over a million calls would run into the measurements.
  const env = loadEnv({
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    DATABASE_URL: url,
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0',
    JOBS_DISABLED: 'true',
  });
  const app = await buildApp({ env, database, ownsDatabase: false });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });

  const users = (
    await client.query<{ id: string; email: string }>(
      `select id, email from users where email = any($1) order by email`,
      [Array.from({ length: SIGNED_IN_USERS }, (_, i) => benchEmail(i))],
    )
  ).rows;
  const cookies = await Promise.all(users.map((u) => signIn(address, u.email)));
  const phoneRow = (
    await client.query<{ phone_e164: string }>(
      `select phone_e164 from calls where user_id = $1 and phone_e164 is not null limit 1`,
      [users[0]!.id],
    )
  ).rows[0];
  // "+33 6 12 34 56 78": the phone as someone would type it in another format than stored.
  const phone = (phoneRow?.phone_e164 ?? '+33612345678').replace(
    /^\+33(\d)(\d\d)(\d\d)(\d\d)(\d\d)$/,
    '+33 $1 $2 $3 $4 $5',
  );
  const now = new Date();
  const local = DateTime.fromJSDate(now, { zone: ZONE });
  const ctx = { today: local.toISODate()!, weekAgo: local.minus({ days: 7 }).toISODate()!, phone };

  const results = [];
  for (const scenario of scenarios(phone)) {
    const path = scenario.path(ctx);
    // Every connection signs in as another of the bench users, so caches see ten different owners.
    let next = 0;
    const http = await autocannon({
      url: `${address}${path}`,
      connections,
      duration,
      setupClient: (c: { setHeaders(h: Record<string, string>): void }) =>
        c.setHeaders({ cookie: cookies[next++ % cookies.length]! }),
    });
    if (http.non2xx > 0 || http.errors > 0)
      throw new Error(`${scenario.name}: ${http.non2xx} non-2xx, ${http.errors} errors`);

    const pageMs: number[] = [];
    const totalMs: number[] = [];
    const nodes = new Set<string>();
    for (let i = 0; i < SQL_RUNS; i++) {
      const user = users[i % users.length]!;
      const queries = scenario.queries(database.db, user.id, now);
      const page = await explain(client, queries.page.toSQL());
      const count = await explain(client, queries.total.toSQL());
      pageMs.push(page.ms);
      totalMs.push(count.ms);
      for (const n of [...page.nodes, ...count.nodes]) nodes.add(n);
    }
    const bothMs = pageMs.map((ms, i) => ms + (totalMs[i] ?? 0));
    const seqScans = [...nodes].filter((n) => n.startsWith('Seq Scan'));
    const row = {
      scenario: scenario.name,
      // HTTP latency includes queueing for the CPU: read it against the machine's load.
      loadAverage: round(loadavg()[0] ?? 0),
      path,
      http: {
        p50: http.latency.p50,
        p99: http.latency.p99,
        rps: Math.round(http.requests.average),
        requests: http.requests.total,
      },
      sql: {
        pageP50: round(percentile(pageMs, 50)),
        pageP99: round(percentile(pageMs, 99)),
        countP50: round(percentile(totalMs, 50)),
        countP99: round(percentile(totalMs, 99)),
        bothP50: round(percentile(bothMs, 50)),
        bothP99: round(percentile(bothMs, 99)),
      },
      plan: [...nodes],
      seqScans,
    };
    results.push(row);
    process.stdout.write(
      `${scenario.name.padEnd(52)} HTTP p50 ${fmt(row.http.p50)} p99 ${fmt(row.http.p99)} (${row.http.rps} req/s) │ SQL page+count p50 ${fmt(row.sql.bothP50)} p99 ${fmt(row.sql.bothP99)} │ load ${row.loadAverage}${seqScans.length ? `  ⚠ ${seqScans.join(', ')}` : ''}\n`,
    );
  }

  await app.close();
  await database.close();
  await client.end();
  const report = {
    benchmark: 'calls',
    date: new Date().toISOString(),
    cpus: cpus().length,
    database: url.replace(/\/\/[^@]*@/, '//'),
    data: counts,
    connections,
    durationSeconds: duration,
    sqlRuns: SQL_RUNS,
    results,
  };
  const failing = results.filter((r) => r.seqScans.some((n) => /calls|reminders|call_status_history/.test(n)));
  if (failing.length)
    process.stdout.write(`⚠ sequential scans on hot paths: ${failing.map((r) => r.scenario).join('; ')}\n`);
  return { ...report, ok: failing.length === 0 };
}

const round = (ms: number) => Math.round(ms * 100) / 100;
const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`.padStart(9);
