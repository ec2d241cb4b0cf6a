import { loadavg } from 'node:os';
import pg from 'pg';
import { createDatabase } from '@ct/db';
import { buildApp } from '../apps/api/src/app.ts';
import { loadEnv } from '../apps/api/src/env.ts';
import { BENCH_PASSWORD, benchEmail, USERS, seedBench } from './calls-seed.ts';
import { loadAverage, type Figure } from './figures.ts';

/**
 * `npm run bench -- load`: LOAD_USERS simulated users (default 50) for LOAD_SECONDS (default 60)
 * doing the daily mix against the API over HTTP — list their calls and the day's reminders, search,
 * log call attempts, snooze callbacks, read notifications — each user one request after another, no
 * think time. Afterwards the database must hold exactly what the 2xx answers promised: one history
 * row and one call_logged notification per logged attempt, one reminder per attempt that answered
 * with one; and there must have been no 5xx and no dropped connection.
 *
 * A fresh database (LOAD_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/ct_load) is
 * seeded with the calls benchmark's generator (LOAD_CALLS calls over 100 users, default 50,000).
 * The short variant runs in the test suite: apps/api/test/faults/load.test.ts.
 */

export interface MixUser {
  email: string;
  password: string;
}

export type Action = 'list' | 'reminders' | 'search' | 'log' | 'snooze' | 'read';
const WEIGHTS: [Action, number][] = [
  ['list', 25],
  ['reminders', 10],
  ['search', 20],
  ['log', 25],
  ['snooze', 10],
  ['read', 10],
];
const OUTCOMES = ['no_answer', 'voicemail', 'callback', 'reached', 'no_answer', 'not_interested'] as const;
const SNOOZES = ['10m', '1h', 'tomorrow', 'next_working_day'] as const;

export interface MixReport {
  users: number;
  seconds: number;
  requests: number;
  rps: number;
  byStatus: Record<string, number>;
  byAction: Record<string, { requests: number; p50: number; p95: number; p99: number }>;
  /** What the 2xx answers promised, to compare with the database afterwards. */
  promised: { history: number; reminders: number; notifications: number };
  /** Ids the answers gave for the rows they created. */
  acknowledged: { entries: string[]; reminders: string[] };
  /** 5xx answers and transport errors (each should be none). */
  failures: string[];
}

/** A signed-in user over HTTP: cookies and the CSRF header. */
class Session {
  private cookie = '';
  private csrf = '';

  constructor(private readonly base: string) {}

  async login(user: MixUser) {
    const res = await this.send('POST', '/auth/login', { email: user.email, password: user.password });
    if (res.status !== 200) throw new Error(`login of ${user.email}: ${res.status} ${await res.text()}`);
    this.csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  }

  async send(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (method !== 'GET') headers['x-csrf-token'] = this.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const set = res.headers.getSetCookie();
    if (set.length) this.cookie = set.map((c) => c.split(';')[0]).join('; ');
    return res;
  }
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

function chooseAction(): Action {
  let roll = Math.random() * WEIGHTS.reduce((n, [, w]) => n + w, 0);
  for (const [action, weight] of WEIGHTS) if ((roll -= weight) < 0) return action;
  return 'list';
}

/** Runs the daily mix: one loop per user until `seconds` have passed. */
export async function runDailyMix(base: string, users: MixUser[], seconds: number): Promise<MixReport> {
  const byStatus: Record<string, number> = {};
  const latencies = new Map<Action, number[]>();
  const promised = { history: 0, reminders: 0, notifications: 0 };
  const acknowledged = { entries: [] as string[], reminders: [] as string[] };
  const failures: string[] = [];
  let requests = 0;

  const sessions = await Promise.all(
    users.map(async (user) => {
      const session = new Session(base);
      await session.login(user);
      return session;
    }),
  );
  const started = Date.now();
  const deadline = started + seconds * 1000;

  async function simulate(session: Session) {
    const page = (await (await session.send('GET', '/calls?pageSize=100')).json()) as {
      items: { id: string; lastName: string; phone: string }[];
    };
    const calls = page.items;
    const reminders = new Set(
      ((await (await session.send('GET', '/reminders?date=today')).json()) as { items: { id: string }[] }).items.map(
        (r) => r.id,
      ),
    );

    /** One request; the body is read only when `read` says so. */
    async function request(
      action: Action,
      method: string,
      path: string,
      body?: unknown,
    ): Promise<{ status: number; json?: unknown }> {
      const at = performance.now();
      try {
        const res = await session.send(method, path, body);
        let json: unknown;
        if (res.headers.get('content-type')?.includes('json')) json = await res.json();
        else await res.arrayBuffer();
        requests++;
        byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
        if (res.status >= 500) failures.push(`${method} ${path}: ${res.status} ${JSON.stringify(json).slice(0, 200)}`);
        return { status: res.status, json };
      } catch (err) {
        failures.push(`${method} ${path}: ${(err as Error).message}`);
        return { status: 0 };
      } finally {
        const list = latencies.get(action) ?? [];
        list.push(performance.now() - at);
        latencies.set(action, list);
      }
    }

    while (Date.now() < deadline) {
      const action = chooseAction();
      const call = pick(calls);
      switch (action) {
        case 'list':
          await request(
            action,
            'GET',
            `/calls?page=${1 + Math.floor(Math.random() * 3)}&sort=${pick(['lastCallAt:desc', 'createdAt:desc', 'lastName:asc'])}`,
          );
          break;
        case 'reminders':
          await request(action, 'GET', '/reminders?date=today');
          break;
        case 'search': {
          const term = Math.random() < 0.5 ? call.lastName.slice(0, 4) : call.phone.replace(/\D/g, '').slice(-6);
          await request(action, 'GET', `/calls?q=${encodeURIComponent(term)}`);
          break;
        }
        case 'log': {
          const res = await request(action, 'POST', `/calls/${call.id}/log`, {
            status: pick(OUTCOMES),
            note: 'load test',
          });
          if (res.status === 201) {
            const result = res.json as { entry: { id: string }; reminder: { id: string } | null };
            promised.history++;
            promised.notifications++;
            acknowledged.entries.push(result.entry.id);
            if (result.reminder) {
              promised.reminders++;
              acknowledged.reminders.push(result.reminder.id);
              reminders.add(result.reminder.id);
            }
          }
          break;
        }
        case 'snooze': {
          if (reminders.size === 0) break;
          const id = pick([...reminders]);
          const res = await request(action, 'POST', `/reminders/${id}/snooze`, { preset: pick(SNOOZES) });
          // Done meanwhile (an attempt on its call closed it): not snoozable any more.
          if (res.status === 409 || res.status === 404) reminders.delete(id);
          break;
        }
        case 'read': {
          const unread = await request(action, 'GET', '/me/notifications?read=false&pageSize=5');
          const first = (unread.json as { items?: { id: number }[] } | undefined)?.items?.[0];
          if (first && Math.random() < 0.8) await request(action, 'PATCH', `/me/notifications/${first.id}/read`);
          else await request(action, 'POST', '/me/notifications/mark-all-read');
          break;
        }
      }
    }
  }

  await Promise.all(sessions.map(simulate));
  const elapsed = (Date.now() - started) / 1000;
  const byAction: MixReport['byAction'] = {};
  for (const [action, list] of latencies) {
    const sorted = [...list].sort((a, b) => a - b);
    byAction[action] = {
      requests: sorted.length,
      p50: Math.round(percentile(sorted, 50)),
      p95: Math.round(percentile(sorted, 95)),
      p99: Math.round(percentile(sorted, 99)),
    };
  }
  return {
    users: users.length,
    seconds: Math.round(elapsed),
    requests,
    rps: Math.round(requests / elapsed),
    byStatus,
    byAction,
    promised,
    acknowledged,
    failures,
  };
}

export interface RowCounts {
  history: number;
  reminders: number;
  notifications: number;
}

/** The rows the mix can add, over the given users. */
export async function countRows(client: pg.Client, emails: string[]): Promise<RowCounts> {
  const { rows } = await client.query<{ history: string; reminders: string; notifications: string }>(
    `with u as (select id from users where email = any($1))
     select (select count(*) from call_status_history where user_id in (select id from u)) as history,
            (select count(*) from reminders where user_id in (select id from u)) as reminders,
            (select count(*) from notifications where user_id in (select id from u)) as notifications`,
    [emails],
  );
  const row = rows[0]!;
  return { history: Number(row.history), reminders: Number(row.reminders), notifications: Number(row.notifications) };
}

/** Differences between what the answers promised and what the database holds (none expected). */
export async function checkPromises(
  client: pg.Client,
  before: RowCounts,
  after: RowCounts,
  report: MixReport,
): Promise<string[]> {
  const problems: string[] = [];
  for (const key of ['history', 'reminders', 'notifications'] as const) {
    const added = after[key] - before[key];
    if (added !== report.promised[key]) problems.push(`${key}: ${added} rows added, ${report.promised[key]} promised`);
  }
  const entries = await client.query(`select 1 from call_status_history where id = any($1::uuid[])`, [
    report.acknowledged.entries,
  ]);
  if (entries.rowCount !== report.acknowledged.entries.length)
    problems.push(
      `history: ${report.acknowledged.entries.length - (entries.rowCount ?? 0)} acknowledged attempts missing`,
    );
  const reminders = await client.query(`select 1 from reminders where id = any($1::uuid[])`, [
    report.acknowledged.reminders,
  ]);
  if (reminders.rowCount !== report.acknowledged.reminders.length)
    problems.push(
      `reminders: ${report.acknowledged.reminders.length - (reminders.rowCount ?? 0)} acknowledged reminders missing`,
    );
  return problems;
}

export async function benchLoad() {
  const url = process.env.LOAD_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ct_load';
  const userCount = Math.min(USERS, Number(process.env.LOAD_USERS ?? 50));
  const seconds = Number(process.env.LOAD_SECONDS ?? 60);
  const totalCalls = Number(process.env.LOAD_CALLS ?? 50_000);

  // A fresh database each run: the counts are compared with the run's answers.
  const name = new URL(url).pathname.slice(1);
  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
  await admin.query(`create database ${pg.escapeIdentifier(name)}`);
  await admin.end();
  const database = await createDatabase({ url, poolMax: 10 });
  await database.migrate();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await seedBench(client, totalCalls);

  const env = loadEnv({
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    DATABASE_URL: url,
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0',
    JOBS_DISABLED: 'true',
    // The simulated users all sign in at once from one address; the per-address budget counts
    // in-flight attempts (decision 0006), and real users would each have their own address.
    LOGIN_RATE_MAX: String(Math.max(10, userCount * 2)),
  });
  const app = await buildApp({ env, database, ownsDatabase: true });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const users = Array.from({ length: userCount }, (_, i) => ({ email: benchEmail(i), password: BENCH_PASSWORD }));
  const emails = users.map((u) => u.email);

  process.stdout.write(
    `${userCount} users × ${seconds} s, daily mix, ${totalCalls.toLocaleString('en')} calls in the database, load average ${loadavg()[0]?.toFixed(1)}…\n`,
  );
  const before = await countRows(client, emails);
  const report = await runDailyMix(base, users, seconds);
  const after = await countRows(client, emails);
  const problems = [...(await checkPromises(client, before, after, report)), ...report.failures.slice(0, 10)];
  await client.end();
  await app.close();

  const table = Object.entries(report.byAction).map(([action, s]) => ({ action, ...s }));
  console.table(table);
  process.stdout.write(
    `${report.requests.toLocaleString('en')} requests, ${report.rps} req/s, statuses ${JSON.stringify(report.byStatus)}; promised ${JSON.stringify(report.promised)}, database added ${JSON.stringify({ history: after.history - before.history, reminders: after.reminders - before.reminders, notifications: after.notifications - before.notifications })}\n`,
  );
  for (const p of problems) process.stdout.write(`  ✗ ${p}\n`);
  const { acknowledged: _ids, failures, ...summary } = report;
  const serverErrors = Object.entries(report.byStatus)
    .filter(([status]) => Number(status) >= 500)
    .reduce((sum, [, n]) => sum + n, 0);
  const figure = (name: string, measured: number, unit: string, target: string, pass: boolean): Figure => ({
    benchmark: 'load',
    name,
    measured,
    unit,
    floor: null,
    floorLabel: '',
    ratio: null,
    target,
    pass,
    loadAverage: loadAverage(),
  });
  return {
    ok: problems.length === 0,
    figures: [
      figure(
        `${userCount} users × ${seconds} s daily mix, ${report.rps} req/s`,
        report.requests,
        'requests',
        'reported',
        true,
      ),
      figure('5xx answers', serverErrors, '', '0', serverErrors === 0),
      figure(
        'differences from what the 2xx answers promised (row counts, acknowledged ids) and failed requests',
        problems.length,
        '',
        '0',
        problems.length === 0,
      ),
    ],
    loadAverage: Math.round((loadavg()[0] ?? 0) * 10) / 10,
    ...summary,
    failures: failures.length,
    problems,
  };
}
