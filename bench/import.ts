import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createDatabase, type Database } from '@ct/db';
import { buildApp } from '../apps/api/src/app.ts';
import { loadEnv } from '../apps/api/src/env.ts';
import { prepareCallValues } from '../apps/api/src/modules/calls/calls.service.ts';
import { signedIn } from '../apps/api/test/helpers/client.ts';
import { createUser } from '../apps/api/test/helpers/factories.ts';
import { multipart } from '../apps/api/test/imports/helpers.ts';
import { ensureDatabase, loadAverage, ratioFigure, round, type Figure } from './figures.ts';

/**
 * `npm run bench` › import: a generated 100,000-row CSV (Excel-FR style: `;`, CRLF, accents, phones
 * written several ways, dates, multi-line notes) imported through the whole API (multipart upload,
 * sniffing, validation, dedupe, one transaction) — time, rows/s and the process's peak RSS, for
 * 10,000 rows and 100,000 rows (flat memory: the two peaks should be close).
 *
 * The floor is psql's `\copy` of the same rows, already normalised, into the `calls` table itself —
 * its indexes (the trigram GIN index dominates), its foreign key — for another user, measured before
 * the full import (so the import writes into the larger table). Also shown: `\copy` into a bare
 * table without any index. Target: the import reaches ≥ 0.5× the rows/s of that floor.
 *
 * BENCH_IMPORT_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/ct_bench_import, recreated on
 * every run), BENCH_IMPORT_ROWS (default 100000), BENCH_IMPORT_PGLITE=1 to also run on the embedded
 * database (slow: WebAssembly).
 */

const URL_DEFAULT = 'postgres://postgres@127.0.0.1:5432/ct_bench_import';
const FIRST = [
  'Hélène',
  'François',
  'Zoë',
  'Jérôme',
  'Anaïs',
  'Loïc',
  'Cécile',
  'Noël',
  'Chloé',
  'Inès',
  'Marc',
  'Léa',
];
const LAST = [
  'Dupré',
  'Cœur',
  'Lefèvre',
  'Garçon',
  'Brûlé',
  'Müller',
  'Roux',
  'Petit',
  'Ødegård',
  'Nguyễn',
  "O'Brien",
  'Martin',
];
const STATUSES = ['À appeler', 'Pas de réponse', 'Messagerie', 'À rappeler', 'Joint', 'Pas intéressé', 'Terminé'];
const TYPES = ['Prospection', 'Suivi', 'Support', 'Autre'];

function phoneOf(i: number): string {
  const digits = String(10_000_000 + i).padStart(8, '0');
  const pairs = digits.match(/../g)!.join(' ');
  switch (i % 4) {
    case 0:
      return `06 ${pairs}`;
    case 1:
      return `+33 6 ${pairs}`;
    case 2:
      return `06.${digits.match(/../g)!.join('.')}`;
    default:
      return `06${digits}`;
  }
}

function rowOf(i: number) {
  const day = String(1 + (i % 28)).padStart(2, '0');
  return {
    first: FIRST[i % FIRST.length]!,
    last: `${LAST[(i * 7) % LAST.length]!}-${i}`,
    phone: phoneOf(i),
    status: STATUSES[i % STATUSES.length]!,
    type: TYPES[i % TYPES.length]!,
    note: i % 10 === 0 ? `"Rappeler ; priorité ${i}\r\nsuite de la note"` : `Note n°${i} — à suivre`,
    lastCall: i % 3 === 0 ? `${day}/02/2024 ${String(9 + (i % 8)).padStart(2, '0')}:30` : '',
  };
}

function generateCsv(rows: number): Buffer {
  const lines = ['Prénom;Nom;Téléphone;Statut;Type;Commentaire;Dernier appel'];
  for (let i = 0; i < rows; i++) {
    const r = rowOf(i);
    lines.push([r.first, r.last, r.phone, r.status, r.type, r.note, r.lastCall].join(';'));
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

interface Run {
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
  baselineRssMb: number;
  peakRssMb: number;
  peakDeltaMb: number;
}

/** One import through the API, sampling RSS every 20 ms. */
async function importOnce(database: Database, rows: number): Promise<Run> {
  const env = loadEnv({
    NODE_ENV: 'test',
    JWT_SECRET: randomUUID().repeat(2),
    LOG_LEVEL: 'silent',
    IMPORT_MAX_ROWS: String(Math.max(rows, 100_000)),
  });
  const app = await buildApp({ env, database, logger: false });
  await app.ready();
  try {
    const user = await createUser(database);
    const agent = await signedIn(app, user);
    const csv = generateCsv(rows);
    const body = multipart(csv, 'bench.csv');
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const started = performance.now();
    const res = await agent.request({
      method: 'POST',
      url: '/calls/import',
      payload: body.payload,
      headers: body.headers,
    });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    if (res.statusCode !== 201) throw new Error(`import answered ${res.statusCode}: ${res.body.slice(0, 500)}`);
    const counts = (res.json() as { counts: { created: number } }).counts;
    if (counts.created !== rows) throw new Error(`created ${counts.created} of ${rows}`);
    const mb = (b: number) => Math.round(b / 1024 / 1024);
    return {
      rows,
      bytes: csv.length,
      seconds: round(seconds),
      rowsPerSecond: Math.round(rows / seconds),
      baselineRssMb: mb(baseline),
      peakRssMb: mb(peak),
      peakDeltaMb: mb(peak - baseline),
    };
  } finally {
    await app.close();
  }
}

/** psql \copy of the same rows, normalised as the import stores them, into `table`; seconds. */
function copyFloor(url: string, table: string, csvPath: string): number {
  const started = performance.now();
  const columns =
    'user_id, contact_first_name, contact_last_name, phone, phone_e164, phone_valid, status, type, description, search_text, last_call_at';
  const out = spawnSync(
    'psql',
    [
      url,
      '-v',
      'ON_ERROR_STOP=1',
      '-q',
      '-c',
      `\\copy ${table} (${columns}) from '${csvPath}' with (format csv, header true)`,
    ],
    { encoding: 'utf8' },
  );
  if (out.status !== 0) throw new Error(`psql \\copy failed: ${out.stderr}`);
  return round((performance.now() - started) / 1000);
}

function floorCsv(rows: number, userId: string): string {
  // Empty and unquoted is NULL in COPY's CSV format.
  const quote = (v: string) => (v === '' ? '' : `"${v.replace(/"/g, '""')}"`);
  const lines = [
    'user_id,contact_first_name,contact_last_name,phone,phone_e164,phone_valid,status,type,description,search_text,last_call_at',
  ];
  for (let i = 0; i < rows; i++) {
    const r = rowOf(i);
    const p = prepareCallValues(
      {
        firstName: r.first,
        lastName: r.last,
        phone: r.phone,
        description: r.note.replace(/^"|"$/g, ''),
        status: 'to_call',
        type: 'prospecting',
      },
      'FR',
    );
    lines.push(
      [
        userId,
        p.contactFirstName,
        p.contactLastName,
        p.phone,
        p.phoneE164 ?? '',
        String(p.phoneValid),
        p.status,
        p.type,
        p.description,
        p.searchText,
        r.lastCall ? '2024-02-01T09:30:00Z' : '',
      ]
        .map((v) => quote(String(v)))
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

export async function benchImport() {
  const rows = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
  const url = process.env.BENCH_IMPORT_DATABASE_URL ?? URL_DEFAULT;
  await ensureDatabase(url, { fresh: true });
  const database = await createDatabase({ url, poolMax: 4, statementTimeoutMs: 120_000 });
  const report: Record<string, unknown> = { rows };
  const figures: Figure[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'ct-bench-import-'));
  const out = process.stdout;
  try {
    await database.migrate();
    const small = await importOnce(database, Math.round(rows / 10));
    out.write(
      `PostgreSQL, ${small.rows} rows: ${small.seconds} s, ${small.rowsPerSecond} rows/s, peak RSS ${small.peakRssMb} MB (+${small.peakDeltaMb}) │ load ${loadAverage()}\n`,
    );

    // The floor: the same rows, normalised, straight into calls (indexes, foreign key) for another user.
    const floorUser = await createUser(database);
    const csvPath = join(dir, 'floor.csv');
    writeFileSync(csvPath, floorCsv(rows, floorUser.id));
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query('create table bench_floor_bare (like calls including defaults)');
    await admin.end();
    const bare = copyFloor(url, 'bench_floor_bare', csvPath);
    const indexed = copyFloor(url, 'calls', csvPath);
    out.write(
      `Floor, psql \\copy of the same ${rows} rows: ${indexed} s into calls (its indexes and foreign key), ${bare} s into a bare table │ load ${loadAverage()}\n`,
    );

    const full = await importOnce(database, rows);
    out.write(
      `PostgreSQL, ${full.rows} rows (${round(full.bytes / 1024 / 1024)} MB): ${full.seconds} s, ${full.rowsPerSecond} rows/s, peak RSS ${full.peakRssMb} MB (+${full.peakDeltaMb}) │ load ${loadAverage()}\n`,
    );
    const floorRowsPerSecond = Math.round(rows / indexed);
    const figure = ratioFigure(
      {
        benchmark: 'import',
        name: `POST /calls/import ${rows.toLocaleString('en')} rows`,
        measured: full.rowsPerSecond,
        unit: 'rows/s',
        floor: floorRowsPerSecond,
        floorLabel: 'psql \\copy into calls',
        detail: { seconds: full.seconds, floorSeconds: indexed, bareCopySeconds: bare, peakRssDeltaMb: full.peakDeltaMb },
      },
      { min: 0.5 },
    );
    // Memory must not grow with the file: the full-size peak stays within 2× the 10%-size one (+64 MB slack).
    const flat = full.peakDeltaMb <= 2 * small.peakDeltaMb + 64;
    figures.push(figure, {
      benchmark: 'import',
      name: `import peak RSS growth, ${rows.toLocaleString('en')} rows`,
      measured: full.peakDeltaMb,
      unit: 'MB',
      floor: small.peakDeltaMb,
      floorLabel: `${small.rows.toLocaleString('en')} rows`,
      ratio: small.peakDeltaMb > 0 ? round(full.peakDeltaMb / small.peakDeltaMb) : null,
      target: '≤ 2× + 64 MB (flat)',
      pass: flat,
      loadAverage: loadAverage(),
    });
    out.write(`Import / floor: ${figure.ratio}× the rows/s of \\copy (target ≥ 0.5×) — ${figure.pass ? 'pass' : 'FAIL'}\n`);
    if (!flat) out.write('Memory grew with the file size: not flat\n');
    Object.assign(report, {
      postgres: { small, full },
      floor: { indexedSeconds: indexed, indexedRowsPerSecond: floorRowsPerSecond, bareSeconds: bare },
      ratioToIndexedFloor: figure.ratio,
    });
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }

  if (process.env.BENCH_IMPORT_PGLITE === '1') {
    const embedded = await createDatabase({});
    try {
      await embedded.migrate();
      const run = await importOnce(embedded, rows);
      out.write(
        `PGlite (embedded), ${run.rows} rows: ${run.seconds} s, ${run.rowsPerSecond} rows/s, peak RSS ${run.peakRssMb} MB\n`,
      );
      report.pglite = run;
    } finally {
      await embedded.close();
    }
  }
  return { ok: figures.every((f) => f.pass), figures, ...report };
}
