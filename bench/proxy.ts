import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
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
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/web/server/main.ts'], {
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

async function rps(url: string, cookie: string) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers: { cookie } });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99 };
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
      const d = await rps(`${api.url}${PATH}`, cookie);
      const p = await rps(`${web.url}/api${PATH}`, cookie);
      direct.push(d.rps);
      proxied.push(p.rps);
      detail.push({ direct: d, proxied: p });
      process.stdout.write(`round ${round + 1}: direct ${d.rps} req/s, through the web origin ${p.rps} req/s\n`);
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
