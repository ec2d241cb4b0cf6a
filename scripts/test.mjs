#!/usr/bin/env node
// `npm test`: every suite, on a fresh machine with nothing but Node.js.
//   1. API/HTTP suites (vitest) on the embedded database (PGlite);
//   2. the same suites against PostgreSQL when TEST_DATABASE_URL is set;
//   3. browser journeys (Playwright + Chromium) against a freshly seeded API and the built web app.
// Ends with the plain line "N passed, N failed". Flags: --no-e2e, --e2e-only, --no-pg; after `--`,
// arguments for Playwright (a spec file, --grep …).
import { mkdtempSync, readFileSync, rmSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLeakProxy } from './leak-proxy.mjs';
import { ROOT, buildWebIfNeeded, exec, run, runWebServer, stopAll, waitForChildren, waitForHttp } from './lib.mjs';

const argv = process.argv.slice(2);
const args = new Set(argv);
// Anything after `--` goes to Playwright (e.g. `node scripts/test.mjs --e2e-only -- e2e/calls.spec.ts`).
const playwrightArgs = argv.includes('--') ? argv.slice(argv.indexOf('--') + 1) : [];
const results = [];
const bin = (name) => join(ROOT, 'node_modules/.bin', name);
mkdirSync(join(ROOT, 'test-results'), { recursive: true });

function vitestCounts(file) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: report.numPassedTests, failed: report.numFailedTests + (report.numTotalTestSuites > 0 && report.success === false && report.numFailedTests === 0 ? 1 : 0), skipped: report.numPendingTests + report.numTodoTests };
}

function playwrightCounts(file) {
  const { stats } = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
}

async function suite(name, fn, countsOf) {
  process.stdout.write(`\n=== ${name} ===\n`);
  let error;
  try {
    await fn();
  } catch (err) {
    error = err;
  }
  let counts;
  try {
    counts = countsOf();
  } catch {
    counts = { passed: 0, failed: 1, skipped: 0 };
  }
  if (error && counts.failed === 0) counts.failed = 1;
  results.push({ name, ...counts });
  process.stdout.write(`${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
}

async function vitest(label, env, outputFile) {
  rmSync(outputFile, { force: true });
  await suite(
    label,
    () => exec(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${outputFile}`], { env }),
    () => vitestCounts(outputFile),
  );
}

async function e2e() {
  const dataDir = mkdtempSync(join(tmpdir(), 'ct-e2e-'));
  const apiPort = process.env.E2E_API_PORT || '4000';
  const webPort = process.env.E2E_WEB_PORT || '3000';
  // The API listens one port up; the leak-scanning proxy takes its usual port, so the web app and the
  // specs reach it only through the scan.
  const innerApiPort = String(Number(apiPort) + 1);
  const env = {
    NEXT_TELEMETRY_DISABLED: '1',
    API_PORT: innerApiPort,
    WEB_PORT: webPort,
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    TRUST_PROXY: '127.0.0.1',
    LOG_LEVEL: 'warn',
    APP_ORIGINS: `http://localhost:${webPort},http://127.0.0.1:${webPort}`,
  };
  const output = join(ROOT, 'test-results/e2e.json');
  rmSync(output, { force: true });
  let proxy;
  await suite(
    'browser journeys (Chromium)',
    async () => {
      try {
        await buildWebIfNeeded();
        proxy = await startLeakProxy({ port: Number(apiPort), target: Number(innerApiPort) });
        const api = run(process.execPath, ['--import', 'tsx', 'apps/api/src/server.ts'], { env });
        await waitForHttp(`http://127.0.0.1:${apiPort}/health`, { child: api });
        const web = runWebServer({ host: '127.0.0.1', port: webPort, apiPort, env });
        await waitForHttp(`http://127.0.0.1:${webPort}/login`, { child: web });
        await exec(bin('playwright'), ['test', ...playwrightArgs], { env: { E2E_BASE_URL: `http://127.0.0.1:${webPort}`, E2E_API_URL: `http://127.0.0.1:${apiPort}`, E2E_DATA_DIR: dataDir } });
      } finally {
        await proxy?.settle();
        stopAll('SIGTERM');
        await waitForChildren();
        await proxy?.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    () => {
      const counts = playwrightCounts(output);
      // The leak scan over every API response of the run counts as one more check.
      if (proxy) {
        process.stdout.write(`leak scan: ${proxy.responses} API responses scanned, ${proxy.findings.length} finding(s)\n`);
        for (const finding of proxy.findings) process.stdout.write(`  ✗ ${finding}\n`);
        if (proxy.findings.length > 0) counts.failed += 1;
        else if (proxy.responses > 0) counts.passed += 1;
      }
      return counts;
    },
  );
}

process.on('SIGINT', () => {
  stopAll('SIGTERM');
  process.exit(130);
});

if (!args.has('--e2e-only')) {
  await vitest('API suites on embedded PGlite', { TEST_DATABASE_URL: '' }, join(ROOT, 'test-results/vitest-pglite.json'));
  if (process.env.TEST_DATABASE_URL && !args.has('--no-pg')) {
    await vitest('API suites on PostgreSQL', { TEST_DATABASE_URL: process.env.TEST_DATABASE_URL }, join(ROOT, 'test-results/vitest-postgres.json'));
  }
}
if (!args.has('--no-e2e')) {
  if (existsSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium')) await e2e();
  else {
    // A machine with only Node.js has no browser: the journeys are reported as not run (CI, which
    // installs Chromium, sets E2E_REQUIRED=1 so that a missing browser fails instead).
    process.stdout.write('\nChromium not found at /usr/bin/chromium (set CHROMIUM_PATH): browser journeys not run.\n');
    results.push({ name: 'browser journeys (not run: no Chromium)', passed: 0, failed: process.env.E2E_REQUIRED ? 1 : 0, skipped: 0 });
  }
}

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const skipped = results.reduce((n, r) => n + r.skipped, 0);
process.stdout.write('\n');
for (const r of results) process.stdout.write(`  ${r.name}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped\n`);
process.stdout.write(`${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(failed > 0 ? 1 : 0);
