import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import pg from 'pg';
import { inject } from 'vitest';
import { createDatabase, type Database } from '@ct/db';
import { buildApp, type App } from '../../src/app.ts';
import { loadEnv, type Env } from '../../src/env.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import { withDatabase } from './global-setup.ts';

export interface TestContext {
  app: App;
  database: Database;
  clock: ManualClock;
  env: Env;
  /** Every log line the app wrote, parsed (the LOG-04 checks of docs/security.md grep them). */
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

let counter = 0;

/** A database of its own for one test file: a clone of the migrated template. */
export async function createTestDatabase(options: { onError?: (err: Error) => void } = {}): Promise<Database> {
  const template = inject('dbTemplate');
  if (template.kind === 'pglite') {
    const dump = new Blob([readFileSync(template.dumpPath)]);
    return createDatabase({ loadDataDir: dump });
  }
  const name = `ct_test_${process.pid}_${Date.now()}_${counter++}`;
  const admin = new pg.Client({ connectionString: template.url });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${template.template}`);
  } finally {
    await admin.end();
  }
  const database = await createDatabase({ url: withDatabase(template.url, name), poolMax: 5, ...(options.onError ? { onError: options.onError } : {}) });
  const close = database.close.bind(database);
  return Object.assign(database, {
    close: async () => {
      await close();
      const cleanup = new pg.Client({ connectionString: template.url });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`).catch(() => {});
      await cleanup.end();
    },
  });
}

export function testEnv(overrides: Record<string, string> = {}): Env {
  return loadEnv({ NODE_ENV: 'test', LOG_LEVEL: 'info', JWT_SECRET: 'test-secret-test-secret-test-secret-0123', ...overrides });
}

/** Builds the real app on its own database, with a manual clock and an in-memory log. */
export async function createTestApp(options: { env?: Record<string, string>; now?: string | Date } = {}): Promise<TestContext> {
  const database = await createTestDatabase();
  const clock = new ManualClock(options.now ? new Date(options.now) : new Date());
  const env = testEnv(options.env);
  const logs: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const app = await buildApp({ env, database, clock, logger: { level: 'info', stream } });
  await app.ready();
  return {
    app,
    database,
    clock,
    env,
    logs,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** Starts `app` listening on a free loopback port (for real HTTP: streams, raw requests); its base URL. */
export async function listenOnLoopback(app: App): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return `http://127.0.0.1:${address.port}`;
}
