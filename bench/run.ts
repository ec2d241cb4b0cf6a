import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { printFigures, type Figure } from './figures.ts';

/**
 * `npm run bench`: runs each benchmark (or those named on the command line, e.g. `npm run bench -- calls`)
 * and merges their reports into bench/results.json under their names, with every required figure —
 * measured, floor, ratio, target, pass/fail, load average — in `figures`, and prints them as one
 * table. Exits non-zero when a figure misses its target or a benchmark fails its own check (e.g. a
 * sequential scan on a hot path). Benchmarks are imported when they run: `web` needs no database.
 */
type Report = { ok: boolean; figures?: Figure[] };
const BENCHMARKS: Record<string, () => Promise<Report>> = {
  calls: async () => (await import('./calls.ts')).benchCalls(),
  'calls-big': async () => (await import('./calls-big.ts')).benchCallsBig(),
  import: async () => (await import('./import.ts')).benchImport(),
  sse: async () => (await import('./sse.ts')).benchSse(),
  web: async () => (await import('./web.ts')).benchWeb(),
  load: async () => (await import('./load.ts')).benchLoad(),
  proxy: async () => (await import('./proxy.ts')).benchProxy(),
  team: async () => (await import('./team.ts')).benchTeam(),
  embedded: async () => (await import('./embedded.ts')).benchEmbedded(),
  kpi: async () => (await import('./kpi.ts')).benchKpi(),
};

const RESULTS = new URL('./results.json', import.meta.url);

async function main() {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const names = wanted.length ? wanted : Object.keys(BENCHMARKS);
  for (const name of names)
    if (!BENCHMARKS[name])
      throw new Error(`Unknown benchmark "${name}" (known: ${Object.keys(BENCHMARKS).join(', ')})`);
  const results: Record<string, unknown> = existsSync(RESULTS)
    ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>)
    : {};
  const previous = (results.figures as Figure[] | undefined) ?? [];
  let figures = previous.filter((f) => !names.includes(f.benchmark));
  let ok = true;
  for (const name of names) {
    process.stdout.write(`\n── ${name} ── (load average ${loadavg()[0]?.toFixed(2)})\n`);
    const report = await BENCHMARKS[name]!();
    results[name] = report;
    figures = [...figures.filter((f) => f.benchmark !== name), ...(report.figures ?? [])];
    ok &&= report.ok;
    results.figures = figures;
    results.machine = { cpus: cpus().length, memoryGb: Math.round(totalmem() / 1024 ** 3), node: process.version };
    writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  }
  process.stdout.write('\n');
  printFigures(figures.filter((f) => names.includes(f.benchmark)));
  process.stdout.write('Wrote bench/results.json\n');
  if (!ok) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
