import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, type Database } from '@ct/db';
import { buildApp, type App } from '../../src/app.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import { testEnv } from '../helpers/app.ts';
import { withDatabase } from '../helpers/global-setup.ts';
import { liveCallCount } from './helpers.ts';

const template = inject('dbTemplate');
const url = process.env.TEST_DATABASE_URL;
const ROWS = 30_000;

/** Waits (really: another process is involved) until `check` holds, polling every 50 ms. */
async function until<T>(check: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(!url || template.kind !== 'postgres')(
  'POST /calls/import killed mid-way (SIGKILL; needs TEST_DATABASE_URL: a real PostgreSQL server and a second process)',
  () => {
    const name = `ct_kill_${process.pid}_${Date.now()}`;
    let dbUrl = '';
    let admin: pg.Client;

    beforeAll(async () => {
      if (template.kind !== 'postgres') return;
      admin = new pg.Client({ connectionString: template.url });
      await admin.connect();
      await admin.query(`create database ${name} template ${template.template}`);
      dbUrl = withDatabase(template.url, name);
    });
    afterAll(async () => {
      await admin?.query(`drop database if exists ${name} with (force)`);
      await admin?.end();
    });

    it(
      'leaves no call of the import, then the import shows failed and the same file imports in full',
      { timeout: 180_000 },
      async () => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', fileURLToPath(new URL('./kill-child.ts', import.meta.url))],
          {
            env: { ...process.env, DATABASE_URL: dbUrl, ROWS: String(ROWS) },
            stdio: ['ignore', 'pipe', 'inherit'],
          },
        );
        const exited = new Promise<NodeJS.Signals | null>((resolve) =>
          child.on('exit', (_code, signal) => resolve(signal)),
        );
        const lines = createInterface({ input: child.stdout! });
        const userId = await new Promise<string>((resolve, reject) => {
          lines.on('line', (line) =>
            line.startsWith('user ') ? resolve(line.slice(5)) : reject(new Error(`child said: ${line}`)),
          );
          child.on('exit', () => reject(new Error('child exited before starting the import')));
        });

        const watcher = new pg.Client({ connectionString: dbUrl });
        await watcher.connect();
        try {
          // Mid-way: the import is running and has written thousands of rows inside its open transaction.
          const running = await until(
            async () => {
              const { rows } = await watcher.query<{ id: string; processed_rows: number }>(
                `select id, processed_rows from imports where user_id = $1 and status = 'running'`,
                [userId],
              );
              return rows[0] && rows[0].processed_rows >= 5_000 ? rows[0] : undefined;
            },
            120_000,
            'the import to be under way',
          );
          expect(running.processed_rows).toBeLessThan(ROWS);
          child.kill('SIGKILL');
          expect(await exited).toBe('SIGKILL');
          // The server notices the dead connection and rolls its transaction back.
          await until(
            async () => {
              const { rows } = await watcher.query(
                `select 1 from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() and state like 'idle in transaction%'`,
                [name],
              );
              return rows.length === 0 ? true : undefined;
            },
            30_000,
            'the killed transaction to end',
          );
          const { rows: byImport } = await watcher.query<{ n: string }>(
            `select count(*) as n from calls where import_id = $1`,
            [running.id],
          );
          expect(Number(byImport[0]!.n)).toBe(0);
          const { rows: reminders } = await watcher.query<{ n: string }>(
            `select count(*) as n from reminders where user_id = $1`,
            [userId],
          );
          expect(Number(reminders[0]!.n)).toBe(0);
        } finally {
          await watcher.end();
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        }

        // A new process on the same database, right away: the crashed import is reported failed (no
        // transaction holds its run lock any more), and the same file imports completely.
        const database: Database = await createDatabase({ url: dbUrl, poolMax: 4 });
        const clock = new ManualClock(new Date());
        const app: App = await buildApp({
          env: testEnv({ DATABASE_URL: dbUrl, LOG_LEVEL: 'silent' }),
          database,
          clock,
          ownsDatabase: true,
          logger: false,
        });
        try {
          expect(await liveCallCount(database, userId)).toBe(0);
          const { signedIn } = await import('../helpers/client.ts');
          const { generatedCsv, upload } = await import('./helpers.ts');
          const { users } = await import('@ct/db');
          const { eq } = await import('drizzle-orm');
          const [user] = await database.db.select().from(users).where(eq(users.id, userId));
          const agent = await signedIn(app, {
            id: userId,
            email: user!.email,
            password: 'correct horse battery',
            role: 'user',
          });
          const list = (await agent.get('/imports')).json();
          expect(list.items).toMatchObject([{ status: 'failed', counts: { created: 0 } }]);
          const retry = await upload(agent, generatedCsv(ROWS), { filename: 'big.csv' });
          expect(retry.statusCode, retry.body).toBe(201);
          expect(retry.json().counts).toEqual({ created: ROWS, updated: 0, skipped: 0, failed: 0 });
          expect(await liveCallCount(database, userId)).toBe(ROWS);
        } finally {
          await app.close();
        }
      },
    );
  },
);
