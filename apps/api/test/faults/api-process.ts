import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { inject } from 'vitest';
import { withDatabase } from '../helpers/global-setup.ts';

/**
 * Real API processes (`node --import tsx apps/api/src/server.ts`) on a real PostgreSQL database of
 * their own, and a small fetch-based client that signs in like the browser does. For the fault
 * suites only: they need TEST_DATABASE_URL (PGlite lives inside one process and cannot be shared).
 */
export const postgresUrl = process.env.TEST_DATABASE_URL || undefined;
export const NEEDS_POSTGRES = 'needs TEST_DATABASE_URL: real processes sharing a real PostgreSQL server';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
let counter = 0;

export interface FaultDatabase {
  url: string;
  name: string;
  /** Runs SQL on the database from the test process (its own short connection). */
  query<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

/** A fresh copy of the migrated template database. */
export async function createFaultDatabase(): Promise<FaultDatabase> {
  const template = inject('dbTemplate');
  if (template.kind !== 'postgres') throw new Error(NEEDS_POSTGRES);
  const name = `ct_fault_${process.pid}_${Date.now()}_${counter++}`;
  await adminQuery(template.url, `create database ${name} template ${template.template}`);
  const url = withDatabase(template.url, name);
  return {
    url,
    name,
    query: async (text, values) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query(text, values)).rows;
      } finally {
        await client.end();
      }
    },
    drop: () => adminQuery(template.url, `drop database if exists ${name} with (force)`),
  };
}

async function adminQuery(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Kills every server process of the database but the caller's: what a server restart does to the app. */
export async function terminateBackends(database: FaultDatabase): Promise<number> {
  const rows = await database.query<{ n: string }>(
    `select count(pg_terminate_backend(pid)) as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
  );
  return Number(rows[0]?.n ?? 0);
}

/** A TCP port nobody listens on right now (API_PORT=0 would not tell us the port). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ApiProcess {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  /** The process's log records (pino JSON lines on stdout), parsed. */
  logs: Record<string, unknown>[];
  /** Everything else it printed (stderr, non-JSON stdout). */
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves when a log record with this `msg` appears. */
  waitForLog(msg: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** SIGKILL if still running (cleanup). */
  kill(): Promise<void>;
}

export const TEST_SECRET = 'fault-tests-secret-fault-tests-secret-0123';

/** Starts the API and waits until GET /health answers 200. */
export async function startApi(
  env: Record<string, string>,
  options: { readyTimeoutMs?: number } = {},
): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/server.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'test',
      API_HOST: '127.0.0.1',
      API_PORT: String(port),
      JWT_SECRET: TEST_SECRET,
      LOG_LEVEL: 'info',
      JOBS_DISABLED: 'true',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const output: string[] = [];
  const waiters = new Set<() => void>();
  const onLine = (line: string) => {
    try {
      logs.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      output.push(line);
    }
    for (const w of waiters) w();
  };
  createInterface({ input: child.stdout! }).on('line', onLine);
  createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const api: ApiProcess = {
    child,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    logs,
    output,
    exited,
    waitForLog: (msg, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = logs.find((l) => l.msg === msg);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no "${msg}" log within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}:\n${output.join('\n')}`);
    try {
      if ((await fetch(`${api.baseUrl}/health`)).status === 200) return api;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await api.kill();
      throw new Error(`the API did not start within the deadline:\n${output.join('\n')}`);
    }
    await sleep(200);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  json<T = unknown>(): T;
}

/** The browser in miniature over real HTTP: cookie jar, CSRF header on unsafe methods. */
export class HttpAgent {
  cookies: Record<string, string> = {};
  csrf = '';

  constructor(public baseUrl: string) {}

  async login(email: string, password: string, headers: Record<string, string> = {}): Promise<HttpResponse> {
    const res = await this.request('POST', '/auth/login', { email, password }, headers);
    if (res.status === 200) this.csrf = res.json<{ csrfToken: string }>().csrfToken;
    return res;
  }

  /** Sends and reads the whole answer. */
  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpResponse> {
    const res = await this.send(method, path, body, headers);
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, json: <T>() => JSON.parse(text) as T };
  }

  /** Sends and returns the raw response (its body not yet read). */
  async send(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    signal?: AbortSignal,
  ): Promise<Response> {
    const all: Record<string, string> = { ...headers };
    if (Object.keys(this.cookies).length)
      all.cookie = Object.entries(this.cookies)
        .map(([k, v]) => `${k}=${v}`)
        .join('; ');
    if (!['GET', 'HEAD'].includes(method) && this.csrf) all['x-csrf-token'] = this.csrf;
    let payload: string | FormData | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      all['content-type'] = 'application/json';
    }
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: all,
      ...(payload === undefined ? {} : { body: payload }),
      ...(signal ? { signal } : {}),
    });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (value) this.cookies[name] = value;
      else delete this.cookies[name];
    }
    return res;
  }
}

/** Signs a user in over HTTP (fails loudly otherwise). */
export async function signIn(
  baseUrl: string,
  email: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<HttpAgent> {
  const agent = new HttpAgent(baseUrl);
  const res = await agent.login(email, password, headers);
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
  return agent;
}

/** Polls `check` (another process is involved, so real time) until it returns a value. */
export async function until<T>(check: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
