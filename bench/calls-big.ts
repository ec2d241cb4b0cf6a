import { DateTime } from 'luxon';
import pg from 'pg';
import { DEFAULT_SETTINGS } from '@ct/contracts';
import { createDatabase, type Db } from '@ct/db';
import { dayBounds } from '../apps/api/src/lib/time.ts';
import {
  buildCallListQueries,
  cursorKinds,
  listAttemptsBetween,
  type CallListFilters,
} from '../apps/api/src/modules/calls/calls.repository.ts';
import { decodeCursor } from '../apps/api/src/modules/calls/list-cursor.ts';
import { buildReminderDayQueries } from '../apps/api/src/modules/calls/reminders.repository.ts';
import { listOpenRemindersUntil } from '../apps/api/src/modules/reports/reports.repository.ts';
import { createUser } from '../apps/api/test/helpers/factories.ts';
import { drive, explain } from './calls.ts';
import { ensureDatabase, loadAverage, ratioFigure, round, type Figure } from './figures.ts';
import { rowOf } from './import.ts';
import { signIn, startApi, startFloor, uploadImport, type FloorRoute } from './processes.ts';

/**
 * `npm run bench` › calls-big: one account with 100,000 calls **imported through `POST /calls/import`**
 * (a quarter with a callback date spread over the six weeks around today), then listed at once — no
 * manual ANALYZE: what the import leaves (decision 0018) is what the user gets. For each of the pages a
 * caller opens — the list with a status filter, the default list, a name search, today's report, the
 * reminders of the day, page 200 by cursor — HTTP p50/p99 and requests/s through the API at
 * BENCH_BIG_CONNECTIONS (32) connections against a bare Fastify + node-postgres server running the
 * same SQL (bench/floor-server.ts), with each query's plan. Required: every path ≥ 0.6× its floor,
 * and no plan that sorts or scans the account's calls whole.
 *
 * BENCH_BIG_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/ct_bench_big, recreated each
 * run), BENCH_BIG_ROWS (default 100000), BENCH_DURATION seconds per run (default 8).
 */

const URL_DEFAULT = 'postgres://postgres@127.0.0.1:5432/ct_bench_big';
const ZONE = 'Europe/Paris';
const PAGE = 50;

interface Query {
  toSQL(): { sql: string; params: unknown[] };
}
interface Path {
  name: string;
  path: string;
  queries: Query[];
}

/** The bench import's rows, with a callback date on one in four (from three weeks ago to three weeks ahead). */
function bigCsv(rows: number, today: DateTime): Buffer {
  const lines = ['Prénom;Nom;Téléphone;Statut;Type;Commentaire;Dernier appel;Prochain rappel'];
  for (let i = 0; i < rows; i++) {
    const r = rowOf(i);
    const reminder = i % 4 === 0 ? today.plus({ days: (i % 43) - 21 }).toFormat('dd/MM/yyyy') + ' 10:00' : '';
    lines.push([r.first, r.last, r.phone, r.status, r.type, r.note, r.lastCall, reminder].join(';'));
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

function listFilters(f: Partial<CallListFilters>): CallListFilters {
  return { dateField: 'lastCallAt', page: 1, pageSize: PAGE, sort: { field: 'createdAt', dir: 'desc' }, ...f };
}

function listPath(db: Db, userId: string, name: string, path: string, f: Partial<CallListFilters>): Path {
  const q = buildCallListQueries(db, { userId }, listFilters(f));
  return { name, path, queries: [q.page, q.total] };
}

/** A plan that reads the account whole: a sequential scan of calls, or a sort of more than a page. */
function wholeAccountSteps(nodes: string[], sortedRows: number[]): string[] {
  return [
    ...nodes.filter((n) => /^Seq Scan on (calls|reminders|call_status_history)/.test(n)),
    ...sortedRows.filter((rows) => rows > 1_000).map((rows) => `Sort of ${rows} rows`),
  ];
}

export async function benchCallsBig() {
  const url = process.env.BENCH_BIG_DATABASE_URL ?? URL_DEFAULT;
  const rows = Number(process.env.BENCH_BIG_ROWS ?? 100_000);
  const duration = Number(process.env.BENCH_DURATION ?? 8);
  const connections = Number(process.env.BENCH_BIG_CONNECTIONS ?? 32);
  const out = process.stdout;
  await ensureDatabase(url, { fresh: true });
  const database = await createDatabase({ url, poolMax: 2 });
  await database.migrate();
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const figures: Figure[] = [];
  const results = [];
  const apiEnv = { IMPORT_MAX_ROWS: String(Math.max(rows, 100_000)), LOG_LEVEL: 'warn' };
  let api = await startApi(url, apiEnv);
  try {
    // Other accounts share the table, as in production: a few thousand calls each.
    for (let i = 0; i < 4; i++) {
      const other = await createUser(database);
      await pool.query(
        `insert into calls (user_id, contact_last_name, phone, search_text)
         select $1, 'Autre ' || n, '07' || lpad(n::text, 8, '0'), 'autre ' || n from generate_series(1, 5000) as n`,
        [other.id],
      );
    }
    const user = await createUser(database, { timezone: ZONE });
    const session = await signIn(api.url, user.email, user.password);
    const now = new Date();
    const csv = bigCsv(rows, DateTime.fromJSDate(now, { zone: ZONE }));
    const { seconds: importSeconds, counts } = await uploadImport(api.url, session, csv);
    out.write(
      `Imported ${counts.created} calls in ${importSeconds} s (${Math.round(counts.created / importSeconds)} rows/s)\n`,
    );

    // Page 200 by cursor (or the last but one, for a smaller run): the cursor where the page before it
    // ends, as a client walking the list would hold it.
    const deep = Math.max(2, Math.min(200, Math.floor(rows / PAGE) - 1));
    const before = await fetch(`${api.url}/calls?pageSize=${PAGE}&page=${deep - 1}`, {
      headers: { cookie: session.cookie },
    });
    const cursor = ((await before.json()) as { nextCursor: string }).nextCursor;
    const after = decodeCursor(cursor, 'createdAt:desc', cursorKinds('createdAt'));
    const db = database.db;
    const { start, end } = dayBounds(now, ZONE);
    const reminders = buildReminderDayQueries(db, user.id, {
      start,
      end,
      includeOverdue: true,
      order: DEFAULT_SETTINGS.remindersOrder,
      page: 1,
      pageSize: 100,
    });
    const paths: Path[] = [
      listPath(db, user.id, 'list, status filter', `/calls?status=callback&pageSize=${PAGE}`, {
        statuses: ['callback'],
      }),
      listPath(db, user.id, 'list, default page', `/calls?pageSize=${PAGE}`, {}),
      listPath(db, user.id, 'search "dupre"', `/calls?q=dupre&pageSize=${PAGE}`, { q: 'dupre' }),
      {
        name: 'today (GET /reports/today)',
        path: '/reports/today',
        queries: [
          listAttemptsBetween(db, user.id, start, end),
          listOpenRemindersUntil(db, user.id, end, DEFAULT_SETTINGS.remindersOrder),
        ],
      },
      { name: 'reminders of the day', path: '/reminders?date=today', queries: [reminders.page, reminders.total] },
      listPath(db, user.id, `page ${deep} by cursor`, `/calls?pageSize=${PAGE}&after=${cursor}`, { after }),
    ];

    if (process.env.BENCH_BIG_RESTART) {
      out.write(`API RSS after the import: ${api.rssMb()} MB; restarting it\n`);
      await api.stop();
      api = await startApi(url, apiEnv);
      session.cookie = (await signIn(api.url, user.email, user.password)).cookie;
    }
    out.write(
      `\n${connections} connections, ${duration} s per run: API (its own process) vs bare Fastify + the same SQL\n`,
    );
    const apiRuns = [];
    for (const p of paths)
      apiRuns.push(await drive(`${api.url}${p.path}`, connections, duration, [{ cookie: session.cookie }]));
    await api.stop();
    const routes: FloorRoute[] = paths.map((p) => ({ path: p.path, queries: p.queries.map((q) => q.toSQL()) }));
    const floor = await startFloor(url, routes);
    const floorRuns = [];
    try {
      for (const p of paths) floorRuns.push(await drive(`${floor.url}${p.path}`, connections, duration, [{}]));
    } finally {
      await floor.stop();
    }

    for (const [i, p] of paths.entries()) {
      const nodes = new Set<string>();
      const sorted: number[] = [];
      let serverMs = 0;
      for (const query of p.queries) {
        const plan = await explain(pool, query.toSQL());
        serverMs += plan.ms;
        for (const n of plan.nodes) nodes.add(n);
        sorted.push(...plan.sortedRows);
      }
      const whole = wholeAccountSteps([...nodes], sorted);
      const viaApi = apiRuns[i]!;
      const viaFloor = floorRuns[i]!;
      const figure = ratioFigure(
        {
          benchmark: 'calls-big',
          name: `100k-call account right after its import: ${p.name}, ${connections} connections`,
          measured: viaApi.rps,
          unit: 'req/s',
          floor: viaFloor.rps,
          floorLabel: 'bare Fastify + same SQL',
          detail: { path: p.path, api: viaApi, floor: viaFloor, explainMs: round(serverMs), plan: [...nodes], whole },
        },
        { min: 0.6 },
      );
      if (whole.length) figure.pass = false;
      figures.push(figure);
      results.push({ ...figure.detail, name: p.name });
      out.write(
        `${p.name.padEnd(28)} API ${String(viaApi.rps).padStart(5)} req/s p50 ${viaApi.p50} p99 ${viaApi.p99} ms │ floor ${String(viaFloor.rps).padStart(5)} req/s p50 ${viaFloor.p50} p99 ${viaFloor.p99} ms │ ${figure.ratio}× │ EXPLAIN ${round(serverMs)} ms │ load ${loadAverage()}${whole.length ? `  ⚠ ${whole.join(', ')}` : ''}\n`,
      );
    }
    return {
      ok: figures.every((f) => f.pass),
      figures,
      benchmark: 'calls-big',
      date: new Date().toISOString(),
      rows,
      importSeconds,
      connections,
      durationSeconds: duration,
      results,
    };
  } finally {
    await api.stop();
    await database.close();
    await pool.end();
  }
}
