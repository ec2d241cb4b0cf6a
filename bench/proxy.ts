import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { loadAverage, round, type Figure } from './figures.ts';
import { freePort, signIn, startApi, type Server } from './processes.ts';

/**
 * `proxy`: the demo user's calls list through the web origin (apps/web/server: `/api/*` streamed to the
 * API) against the same list asked of the API directly, with the same connections, alternating
 * direct/proxied twice so that a drift of the shared machine hits both. Target: ≥ 0.9× the direct
 * throughput. PostgreSQL (PROXY_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/ct_proxy,
 * recreated each run) with the demo data seeded by the API on start.
 */

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CONNECTIONS = 32;
const SECONDS = Number(process.env.PROXY_SECONDS ?? 10);
const PATH = '/calls?pageSize=50';

async function recreateDatabase(url: string) {
  const name = new URL(url).pathname.slice(1);
  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
  await admin.query(`create database ${pg.escapeIdentifier(name)}`);
  await admin.end();
}

async function buildWebIfMissing() {
  if (existsSync(new URL('../apps/web/.next/BUILD_ID', import.meta.url))) return;
  process.stdout.write('Building the web app…\n');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(`${ROOT}node_modules/.bin/next`, ['build'], {
      cwd: `${ROOT}apps/web`,
      stdio: 'inherit',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next build exited with ${code}`))));
  });
}

async function startWeb(apiPort: string): Promise<Server> {
  const port = await freePort();
  // BENCH_CPU_PROFILE=<dir>: the web server writes its V8 CPU profile there too when it stops.
  const profile = process.env.BENCH_CPU_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`]
    : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'apps/web/server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), API_PORT: apiPort },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the web server exited with ${child.exitCode}`);
    const status = await fetch(`${url}/api/health`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) break;
    if (Date.now() > deadline) throw new Error('the web server did not start');
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return {
    url,
    pid: child.pid ?? 0,
    rssMb: () => 0,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** CPU time (user + system, ms) a process has used so far, from /proc: what each request costs it. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // utime and stime are fields 14 and 15 of the line (11 and 12 after the command's closing parenthesis).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

async function rps(url: string, cookie: string, pids: { api: number; web: number }) {
  const before = { api: cpuMs(pids.api), web: cpuMs(pids.web) };
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers: { cookie } });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  const perRequest = (pid: number, from: number) => round(((cpuMs(pid) - from) * 1000) / result.requests.total, 0);
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    // CPU µs per request of each process: the proxy's own cost, whatever else the machine runs.
    apiCpuUs: perRequest(pids.api, before.api),
    webCpuUs: perRequest(pids.web, before.web),
  };
}

export async function benchProxy(): Promise<{ ok: boolean; figures: Figure[] }> {
  const url = process.env.PROXY_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ct_proxy';
  await recreateDatabase(url);
  await buildWebIfMissing();
  const api = await startApi(url, {
    NODE_ENV: 'development',
    SEED_DEMO: 'true',
    LOG_LEVEL: 'silent',
    LOGIN_RATE_MAX: '1000',
  });
  let web: Server | undefined;
  try {
    web = await startWeb(new URL(api.url).port);
    const { cookie } = await signIn(api.url, 'demo@example.com', 'demo1234');
    // Warm both paths (JIT, pools) before measuring.
    await autocannon({ url: `${web.url}/api${PATH}`, connections: CONNECTIONS, duration: 2, headers: { cookie } });
    const direct: number[] = [];
    const proxied: number[] = [];
    const detail: Record<string, unknown>[] = [];
    for (let round = 0; round < 2; round++) {
      const pids = { api: api.pid, web: web.pid };
      const d = await rps(`${api.url}${PATH}`, cookie, pids);
      const p = await rps(`${web.url}/api${PATH}`, cookie, pids);
      direct.push(d.rps);
      proxied.push(p.rps);
      detail.push({ direct: d, proxied: p, loadAverage: loadAverage() });
      process.stdout.write(
        `round ${round + 1}: direct ${d.rps} req/s, through the web origin ${p.rps} req/s` +
          ` (CPU per request: API ${d.apiCpuUs} µs direct, ${p.apiCpuUs} µs proxied, web ${p.webCpuUs} µs (${d.webCpuUs} µs idle); load ${loadAverage()})\n`,
      );
    }
    const measured = Math.max(...proxied);
    const floor = Math.max(...direct);
    const ratio = round(measured / floor);
    return {
      ok: ratio >= 0.9,
      figures: [
        {
          benchmark: 'proxy',
          name: `GET ${PATH} through the web origin, ${CONNECTIONS} connections`,
          measured,
          unit: 'req/s',
          floor,
          floorLabel: 'the same list from the API directly',
          ratio,
          target: '≥ 0.9× floor',
          pass: ratio >= 0.9,
          loadAverage: loadAverage(),
          detail: { rounds: detail },
        },
      ],
    };
  } finally {
    await web?.stop();
    await api.stop();
  }
}
