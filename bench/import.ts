import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createDatabase, type Database } from '@ct/db';
import { prepareCallValues } from '../apps/api/src/modules/calls/calls.service.ts';
import { createUser } from '../apps/api/test/helpers/factories.ts';
import { multipart } from '../apps/api/test/imports/helpers.ts';
import { ensureDatabase, loadAverage, ratioFigure, round, type Figure } from './figures.ts';
import { peakRssMb, rssMb, signIn, startApi } from './processes.ts';

/**
 * `npm run bench` › import: a generated 100,000-row CSV (Excel-FR style: `;`, CRLF, accents, phones
 * written several ways, dates, multi-line notes) imported through the whole API (multipart upload,
 * sniffing, validation, dedupe, one transaction) of an API process of its own — time, rows/s and that
 * process's peak RSS over the import, for 10,000 rows and 100,000 rows (flat memory: the two peaks
 * should be close).
 *
 * The floor is psql's `\copy` of the same rows, already normalised, into the `calls` table itself —
 * its indexes (the trigram GIN index dominates), its foreign key — for another user, measured before
 * the full import (so the import writes into the larger table). Also shown: `\copy` into a bare
 * table without any index. Target: the import reaches ≥ 0.5× the rows/s of that floor.
 *
 * BENCH_IMPORT_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/ct_bench_import, recreated on
 * every run), BENCH_IMPORT_ROWS (default 100000).
 */

const URL_DEFAULT = 'postgres://postgres@127.0.0.1:5432/ct_bench_import';
/** The V8 old-space cap of the memory runs (MB): what a small container would give the API. */
const MEMORY_HEAP_MB = 128;
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

export function rowOf(i: number) {
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

export function generateCsv(rows: number): Buffer {
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

/**
 * One import through the API as deployed: a fresh API process (so that nothing earlier inflates its
 * memory), signed in over HTTP, the file uploaded as a browser would. Memory is the process's own:
 * its resident set once it is up and signed in, then its peak (VmHWM, reset just before the upload
 * through /proc/<pid>/clear_refs) over the import.
 */
async function importOnce(url: string, database: Database, rows: number, heapMb?: number): Promise<Run> {
  const api = await startApi(url, {
    IMPORT_MAX_ROWS: String(Math.max(rows, 100_000)),
    LOG_LEVEL: 'warn',
    ...(heapMb ? { NODE_OPTIONS: `--max-old-space-size=${heapMb}` } : {}),
  });
  try {
    const user = await createUser(database);
    const { cookie, csrf } = await signIn(api.url, user.email, user.password);
    const csv = generateCsv(rows);
    const body = multipart(csv, 'bench.csv');
    writeFileSync(`/proc/${api.pid}/clear_refs`, '5');
    const baseline = rssMb(api.pid);
    const started = performance.now();
    const res = await fetch(`${api.url}/calls/import`, {
      method: 'POST',
      headers: { ...body.headers, cookie, 'x-csrf-token': csrf },
      body: body.payload,
    });
    const text = await res.text();
    const seconds = (performance.now() - started) / 1000;
    const peak = peakRssMb(api.pid);
    if (res.status !== 201) throw new Error(`import answered ${res.status}: ${text.slice(0, 500)}`);
    const counts = (JSON.parse(text) as { counts: { created: number } }).counts;
    if (counts.created !== rows) throw new Error(`created ${counts.created} of ${rows}`);
    return {
      rows,
      bytes: csv.length,
      seconds: round(seconds),
      rowsPerSecond: Math.round(rows / seconds),
      baselineRssMb: baseline,
      peakRssMb: peak,
      peakDeltaMb: peak - baseline,
    };
  } finally {
    await api.stop();
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
    // Memory, with the heap capped (V8 otherwise lets garbage pile up to whatever the machine allows,
    // so an uncapped peak says more about its GC heuristics than about what the import keeps): the
    // file ten times larger must fit the same cap with about the same peak.
    const small = await importOnce(url, database, Math.round(rows / 10), MEMORY_HEAP_MB);
    out.write(
      `PostgreSQL, ${small.rows} rows, heap capped at ${MEMORY_HEAP_MB} MB: ${small.seconds} s, peak RSS ${small.peakRssMb} MB (+${small.peakDeltaMb}) │ load ${loadAverage()}\n`,
    );
    const capped = await importOnce(url, database, rows, MEMORY_HEAP_MB);
    out.write(
      `PostgreSQL, ${capped.rows} rows, heap capped at ${MEMORY_HEAP_MB} MB: ${capped.seconds} s, peak RSS ${capped.peakRssMb} MB (+${capped.peakDeltaMb}) │ load ${loadAverage()}\n`,
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

    const full = await importOnce(url, database, rows);
    out.write(
      `PostgreSQL, ${full.rows} rows (${round(full.bytes / 1024 / 1024)} MB), default heap: ${full.seconds} s, ${full.rowsPerSecond} rows/s, peak RSS ${full.peakRssMb} MB (+${full.peakDeltaMb}) │ load ${loadAverage()}\n`,
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
    const flat = capped.peakDeltaMb <= 2 * small.peakDeltaMb + 64;
    figures.push(figure, {
      benchmark: 'import',
      name: `import peak RSS growth, ${rows.toLocaleString('en')} rows (heap capped at ${MEMORY_HEAP_MB} MB)`,
      measured: capped.peakDeltaMb,
      unit: 'MB',
      floor: small.peakDeltaMb,
      floorLabel: `${small.rows.toLocaleString('en')} rows`,
      ratio: small.peakDeltaMb > 0 ? round(capped.peakDeltaMb / small.peakDeltaMb) : null,
      target: '≤ 2× + 64 MB (flat)',
      pass: flat,
      loadAverage: loadAverage(),
    });
    out.write(`Import / floor: ${figure.ratio}× the rows/s of \\copy (target ≥ 0.5×) — ${figure.pass ? 'pass' : 'FAIL'}\n`);
    if (!flat) out.write('Memory grew with the file size: not flat\n');
    Object.assign(report, {
      postgres: { small, capped, full },
      floor: { indexedSeconds: indexed, indexedRowsPerSecond: floorRowsPerSecond, bareSeconds: bare },
      ratioToIndexedFloor: figure.ratio,
    });
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }

  return { ok: figures.every((f) => f.pass), figures, ...report };
}
