import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { benchCalls } from './calls.ts';
import { benchImport } from './import.ts';
import { benchLoad } from './load.ts';

/**
 * `npm run bench`: runs each benchmark (or those named on the command line, e.g. `npm run bench -- calls`)
 * and merges their reports into bench/results.json under their names. Exits non-zero when one fails
 * its own check (e.g. a sequential scan on a hot path).
 */
const BENCHMARKS: Record<string, () => Promise<{ ok: boolean }>> = {
  calls: benchCalls,
  import: benchImport,
  load: benchLoad,
};

const RESULTS = new URL('./results.json', import.meta.url);

async function main() {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const names = wanted.length ? wanted : Object.keys(BENCHMARKS);
  const results: Record<string, unknown> = existsSync(RESULTS)
    ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>)
    : {};
  let ok = true;
  for (const name of names) {
    const run = BENCHMARKS[name];
    if (!run) throw new Error(`Unknown benchmark "${name}" (known: ${Object.keys(BENCHMARKS).join(', ')})`);
    process.stdout.write(`\n── ${name} ──\n`);
    const report = await run();
    results[name] = report;
    ok &&= report.ok;
    writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  }
  process.stdout.write('Wrote bench/results.json\n');
  if (!ok) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
