import { loadavg } from 'node:os';
import pg from 'pg';

/**
 * One required figure of `npm run bench`: what was measured, next to its floor measured in the same
 * run (the same work without the application around it), the ratio and the target it is judged by.
 * Every benchmark returns its figures; bench/run.ts prints them as one table and writes them all to
 * bench/results.json. The machine is shared: each figure carries the 1-minute load average at the
 * time it was taken.
 */
export interface Figure {
  benchmark: string;
  name: string;
  measured: number;
  unit: string;
  /** The floor in the same unit, or null when the figure has none (an absolute target). */
  floor: number | null;
  floorLabel: string;
  /** measured / floor (throughput: higher is better; latency: lower is better). */
  ratio: number | null;
  /** Human-readable target, e.g. "≥ 0.6× floor" or "p95 < 250 ms". */
  target: string;
  pass: boolean;
  loadAverage: number;
  /** Supporting numbers (p50/p99, RSS…). */
  detail?: Record<string, unknown>;
}

export const loadAverage = () => round(loadavg()[0] ?? 0);

export const round = (n: number, digits = 2) => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

/** A figure judged on `measured / floor` against a minimum (throughput) or a maximum (latency). */
export function ratioFigure(
  f: Omit<Figure, 'ratio' | 'pass' | 'target' | 'loadAverage'> & { floor: number },
  bound: { min: number } | { max: number },
): Figure {
  const ratio = f.floor > 0 ? round(f.measured / f.floor) : Number.POSITIVE_INFINITY;
  return {
    ...f,
    ratio,
    target: 'min' in bound ? `≥ ${bound.min}× floor` : `≤ ${bound.max}× floor`,
    pass: 'min' in bound ? ratio >= bound.min : ratio <= bound.max,
    loadAverage: loadAverage(),
  };
}

export function printFigures(figures: Figure[], out: NodeJS.WritableStream = process.stdout): void {
  const rows = figures.map((f) => [
    f.benchmark,
    f.name,
    `${fmt(f.measured)} ${f.unit}`,
    f.floor === null ? '—' : `${fmt(f.floor)} ${f.unit} (${f.floorLabel})`,
    f.ratio === null ? '—' : `${f.ratio}×`,
    f.target,
    f.pass ? 'pass' : 'FAIL',
    String(f.loadAverage),
  ]);
  const header = ['bench', 'figure', 'measured', 'floor', 'ratio', 'target', 'result', 'load'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' │ ');
  out.write(`${line(header)}\n${widths.map((w) => '─'.repeat(w)).join('─┼─')}\n`);
  for (const r of rows) out.write(`${line(r)}\n`);
}

const fmt = (n: number) => (Number.isInteger(n) || Math.abs(n) >= 100 ? String(Math.round(n)) : n.toFixed(2));

/** Creates the database of `url` if it does not exist (or drops and recreates it with `fresh`). */
export async function ensureDatabase(url: string, options: { fresh?: boolean } = {}): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    if (options.fresh) await client.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
