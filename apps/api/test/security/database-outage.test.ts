import { Writable } from 'node:stream';
import pg from 'pg';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '@ct/db';
import { buildApp, type App } from '../../src/app.ts';
import { createTestApp, createTestDatabase, testEnv, type TestContext } from '../helpers/app.ts';
import { withDatabase } from '../helpers/global-setup.ts';
import { signedIn, type Agent } from '../helpers/client.ts';
import { rows } from '../helpers/db-state.ts';
import { createUser } from '../helpers/factories.ts';

function expectUnavailable(res: LightMyRequestResponse) {
  expect(res.statusCode).toBe(503);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.json()).toMatchObject({ status: 503, code: 'unavailable' });
  expect(res.body).not.toMatch(/pglite|pool|terminat|select/i);
}

describe('with the database gone', () => {
  let t: TestContext;
  let agent: Agent;
  beforeAll(async () => {
    t = await createTestApp();
    agent = await signedIn(t.app, await createUser(t.database));
    await t.database.close();
  });
  afterAll(() => t.app.close());

  it('GET /health answers 503 problem+json', async () => {
    expectUnavailable(await t.app.inject({ method: 'GET', url: '/health' }));
  });

  it('an authenticated route answers 503 (not 401, not 500) and logs a warning, not an error', async () => {
    expectUnavailable(await agent.get('/me'));
    expect(t.logs.some((l) => l.msg === 'database unavailable' && l.level === 40)).toBe(true);
    expect(t.logs.filter((l) => Number(l.level) >= 50)).toEqual([]);
  });

  it('a login answers 503 and does not count as a failed attempt', async () => {
    for (let i = 0; i < t.env.LOGIN_RATE_MAX + 1; i++) {
      expectUnavailable(
        await t.app.inject({ method: 'POST', url: '/auth/login', payload: { email: 'a@b.test', password: 'x' } }),
      );
    }
  });
});

/**
 * A PostgreSQL restart as the pool sees it: every server process of the app's database is terminated
 * under it. node-postgres emits 'error' for the idle clients (fatal without a handler); the app logs it,
 * at most the next request or two get 503, and then it answers from fresh connections.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)(
  'the connection pool across a server restart (needs TEST_DATABASE_URL: embedded PGlite has no server to restart)',
  () => {
    let app: App;
    let database: Database;
    const logs: Record<string, unknown>[] = [];
    const poolErrors: Error[] = [];

    beforeAll(async () => {
      database = await createTestDatabase({
        onError: (err) => {
          poolErrors.push(err);
          // Like server.ts: the pool's idle-client errors go to the app's log (the app exists by then).
          (app as App | undefined)?.log.warn({ err }, 'database connection error');
        },
      });
      const stream = new Writable({
        write(chunk: Buffer, _enc, done) {
          for (const line of chunk.toString('utf8').split('\n'))
            if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
          done();
        },
      });
      app = await buildApp({ env: testEnv(), database, logger: { level: 'info', stream } });
      await app.ready();
    });
    afterAll(async () => {
      await app.close();
      await database.close();
    });

    it('keeps serving after its backends are terminated: 503 at worst, then 200; the idle-client error is logged', async () => {
      const agent = await signedIn(app, await createUser(database));
      // Several requests at once so the pool holds more than one idle client.
      const warm = await Promise.all(Array.from({ length: 8 }, () => agent.get('/me')));
      expect(warm.every((r) => r.statusCode === 200)).toBe(true);

      await terminateBackends(database);

      const statuses: number[] = [];
      await vi.waitFor(
        async () => {
          const res = await agent.get('/me');
          statuses.push(res.statusCode);
          if (res.statusCode !== 200) expectUnavailable(res);
          expect(res.statusCode).toBe(200);
        },
        { timeout: 15_000, interval: 100 },
      );
      // At worst each pooled client (5 in tests) is found dead by one request before it is replaced.
      expect(statuses.filter((s) => s === 503).length).toBeLessThanOrEqual(5);
      await vi.waitFor(() => expect(poolErrors.length).toBeGreaterThan(0), { timeout: 15_000 });
      expect(logs.some((l) => l.msg === 'database connection error' && l.level === 40)).toBe(true);
      expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
      const burst = await Promise.all(Array.from({ length: 8 }, () => agent.get('/me')));
      expect(burst.every((r) => r.statusCode === 200)).toBe(true);
    });

    it('answers requests in flight during the restart with 200 or 503, never 500, and recovers', async () => {
      const agent = await signedIn(app, await createUser(database));
      const during = Promise.all(Array.from({ length: 20 }, () => agent.get('/me')));
      await terminateBackends(database);
      for (const res of await during) if (res.statusCode !== 200) expectUnavailable(res);
      await vi.waitFor(async () => expect((await agent.get('/me')).statusCode).toBe(200), {
        timeout: 15_000,
        interval: 100,
      });
      expect(logs.filter((l) => Number(l.level) >= 50)).toEqual([]);
    });
  },
);

/** What a server restart does to the app: every other backend of its database is killed. */
async function terminateBackends(database: Database) {
  const [{ name } = { name: '' }] = await rows<{ name: string }>(database, 'select current_database() as name');
  const killer = new pg.Client({ connectionString: withDatabase(process.env.TEST_DATABASE_URL!, name) });
  await killer.connect();
  try {
    await killer.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
    );
  } finally {
    await killer.end();
  }
}
