import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { multipart as multipartFile } from '../apps/api/test/imports/helpers.ts';

/**
 * Servers under measurement run in their own processes, as in production: the load generator
 * (autocannon, the SSE clients) then does not share their event loop, and their memory can be read
 * from /proc.
 */

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const BENCH_SECRET = 'bench-secret-bench-secret-bench-secret-0';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface Server {
  url: string;
  pid: number;
  /** Resident memory of the process (MB), from /proc. */
  rssMb(): number;
  stop(): Promise<void>;
}

async function waitForHttp(url: string, child: ChildProcess, output: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`server at ${url} did not answer within ${timeoutMs} ms:\n${output()}`);
}

async function startProcess(script: string, env: Record<string, string>, healthPath: string): Promise<Server> {
  const port = await freePort();
  // BENCH_CPU_PROFILE=<dir>: each server writes a V8 CPU profile there when it stops (open it in
  // Chrome's DevTools) — where a figure far from its floor spends its time.
  const profile = process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), API_PORT: String(port), API_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    // Keep the tail only: a request log at info level would otherwise grow without bound.
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}${healthPath}`, child, () => output);
  return {
    url,
    pid: child.pid!,
    rssMb: () => rssMb(child.pid!),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/**
 * The API as deployed (apps/api/src/server.ts, NODE_ENV=production, jobs off so that a scheduled scan
 * does not run into the measurements), against `databaseUrl`.
 */
export function startApi(databaseUrl: string, env: Record<string, string> = {}): Promise<Server> {
  return startProcess(
    'apps/api/src/server.ts',
    {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      JWT_SECRET: BENCH_SECRET,
      COOKIE_SECRET: `${BENCH_SECRET}-cookie`,
      // Plain http on loopback: no __Host- cookies, which need a secure context.
      COOKIE_SECURE: 'false',
      JOBS_DISABLED: 'true',
      LOG_LEVEL: process.env.BENCH_API_LOG_LEVEL ?? 'info',
      ...env,
    },
    '/health',
  );
}

/**
 * The API on the embedded default, as `npm start` runs it without DATABASE_URL: PGlite in `dataDir`,
 * the demo accounts seeded, jobs off so that a scheduled scan does not run into the measurements.
 */
export function startEmbeddedApi(dataDir: string, env: Record<string, string> = {}): Promise<Server> {
  return startProcess(
    'apps/api/src/server.ts',
    {
      NODE_ENV: 'development',
      DATABASE_URL: '',
      DATA_DIR: dataDir,
      COOKIE_SECURE: 'false',
      JOBS_DISABLED: 'true',
      LOG_LEVEL: 'warn',
      ...env,
    },
    '/health',
  );
}

/** A user id the floor server replaces with the request's `x-bench-user`. */
export const FLOOR_SENTINEL_USER = '00000000-0000-4000-8000-000000000000';

/** One route of the floor server: its path with query string, and the SQL the API runs for it. */
export interface FloorRoute {
  path: string;
  queries: { sql: string; params: unknown[] }[];
}

/** The bare floor server of bench/floor-server.ts, answering `routes` from `databaseUrl`. */
export function startFloor(databaseUrl: string, routes: FloorRoute[]): Promise<Server> {
  return startProcess(
    'bench/floor-server.ts',
    { FLOOR_DATABASE_URL: databaseUrl, FLOOR_ROUTES: JSON.stringify(routes) },
    '/health',
  );
}

function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** Resident memory of a process now (MB). */
export const rssMb = (pid: number) => statusMb(pid, 'VmRSS');

/** Its peak resident memory (MB) since it started, or since `5` was written to /proc/<pid>/clear_refs. */
export const peakRssMb = (pid: number) => statusMb(pid, 'VmHWM');

/** Signs in over HTTP and returns the cookie header (and the CSRF token) for later requests. */
export async function signIn(base: string, email: string, password: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string };
  return {
    cookie: res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; '),
    csrf: body.csrfToken,
  };
}

/**
 * POST /calls/import of `csv` as a signed-in browser would send it; the seconds it took and the
 * import's counts. Anything but 201 throws, with the answer.
 */
export async function uploadImport(
  base: string,
  session: { cookie: string; csrf: string },
  csv: Buffer,
): Promise<{ seconds: number; counts: { created: number; updated: number } }> {
  const { payload, headers } = multipartFile(csv, 'campagne.csv');
  const started = performance.now();
  const res = await fetch(`${base}/calls/import`, {
    method: 'POST',
    headers: { ...headers, cookie: session.cookie, 'x-csrf-token': session.csrf },
    body: payload,
  });
  const text = await res.text();
  const seconds = Math.round(performance.now() - started) / 1000;
  if (res.status !== 201) throw new Error(`import answered ${res.status}: ${text.slice(0, 500)}`);
  return { seconds, counts: (JSON.parse(text) as { counts: { created: number; updated: number } }).counts };
}
