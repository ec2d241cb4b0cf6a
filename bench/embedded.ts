import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { drive } from './calls.ts';
import { loadAverage, percentile, round, type Figure } from './figures.ts';
import { generateCsv } from './import.ts';
import { signIn, startEmbeddedApi, uploadImport } from './processes.ts';

/**
 * `npm run bench` › embedded: the two-command start's database (PGlite, in the API's process) while
 * one user imports BENCH_EMBEDDED_ROWS (100,000) rows: another user's `GET /calls?pageSize=5`, asked
 * one after the other for the whole import, and its p50/p99/worst wait (target: every answer within
 * 500 ms — the worst wait is the figure, since a probe stuck behind the import is one sample); then
 * the importer's own list right after the import at 8 connections.
 */

const PROBE_TARGET_MS = 500;

export async function benchEmbedded() {
  const rows = Number(process.env.BENCH_EMBEDDED_ROWS ?? 100_000);
  const out = process.stdout;
  const dataDir = mkdtempSync(join(tmpdir(), 'ct-bench-embedded-'));
  const api = await startEmbeddedApi(dataDir, { IMPORT_MAX_ROWS: String(Math.max(rows, 100_000)) });
  try {
    const importer = await signIn(api.url, 'demo@example.com', 'demo1234');
    const other = await signIn(api.url, 'admin@example.com', 'admin1234');

    const csv = generateCsv(rows);
    let importing = true;
    const waits: number[] = [];
    /** The probes over the target: when each started, in seconds from the upload, and how long it waited. */
    const slow: { at: number; ms: number }[] = [];
    const t0 = performance.now();
    const probe = (async () => {
      while (importing) {
        const started = performance.now();
        const res = await fetch(`${api.url}/calls?pageSize=5`, { headers: { cookie: other.cookie } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`the other user's list answered ${res.status}`);
        const ms = performance.now() - started;
        waits.push(ms);
        if (ms > PROBE_TARGET_MS) slow.push({ at: round((started - t0) / 1000), ms: round(ms) });
      }
    })();
    const imported = uploadImport(api.url, importer, csv).finally(() => {
      importing = false;
    });
    const [{ seconds: importSeconds }] = await Promise.all([imported, probe]);
    const during = {
      requests: waits.length,
      p50: round(percentile(waits, 50)),
      p99: round(percentile(waits, 99)),
      max: round(Math.max(...waits)),
      slow: slow.slice(0, 20),
    };
    out.write(
      `Imported ${rows} rows in ${importSeconds} s on PGlite; meanwhile another user's list: ${during.requests} requests, p50 ${during.p50} ms, p99 ${during.p99} ms, worst ${during.max} ms │ load ${loadAverage()}\n`,
    );
    if (slow.length)
      out.write(
        `  over ${PROBE_TARGET_MS} ms (${slow.length}): ${slow
          .slice(0, 20)
          .map((s) => `${s.ms} ms at ${s.at} s`)
          .join(', ')}\n`,
      );
    const after = await drive(`${api.url}/calls?pageSize=50`, 8, Number(process.env.BENCH_DURATION ?? 8), [
      { cookie: importer.cookie },
    ]);
    out.write(
      `Right after, the importer's list at 8 connections: ${after.rps} req/s, p50 ${after.p50} ms, p99 ${after.p99} ms\n`,
    );
    const figures: Figure[] = [
      {
        benchmark: 'embedded',
        name: `PGlite: another user's list while ${rows.toLocaleString('en')} rows import, worst wait`,
        measured: during.max,
        unit: 'ms',
        floor: null,
        floorLabel: '',
        ratio: null,
        target: `≤ ${PROBE_TARGET_MS} ms`,
        pass: during.max <= PROBE_TARGET_MS,
        loadAverage: loadAverage(),
        detail: { during, importSeconds },
      },
      {
        benchmark: 'embedded',
        name: 'PGlite: the importer’s list right after, 8 connections',
        measured: after.rps,
        unit: 'req/s',
        floor: null,
        floorLabel: '',
        ratio: null,
        target: 'reported',
        pass: true,
        loadAverage: loadAverage(),
        detail: { after },
      },
    ];
    return {
      ok: figures.every((f) => f.pass),
      figures,
      benchmark: 'embedded',
      date: DateTime.now().toISO(),
      rows,
      importSeconds,
      during,
      after,
    };
  } finally {
    await api.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
