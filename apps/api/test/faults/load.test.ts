import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BENCH_PASSWORD, benchEmail, seedBench } from '../../../../bench/calls-seed.ts';
import { checkPromises, countRows, runDailyMix } from '../../../../bench/load.ts';
import {
  createFaultDatabase,
  NEEDS_POSTGRES,
  postgresUrl,
  startApi,
  type ApiProcess,
  type FaultDatabase,
} from './api-process.ts';

/**
 * The short variant of `npm run bench -- load`: LOAD_TEST_USERS (10) users for LOAD_TEST_SECONDS
 * (10) doing the daily mix against a real API process on PostgreSQL. No 5xx, no dropped connection,
 * and the database holds exactly the history rows, reminders and notifications the 2xx answers
 * promised.
 */
const USERS = Number(process.env.LOAD_TEST_USERS ?? 10);
const SECONDS = Number(process.env.LOAD_TEST_SECONDS ?? 10);

describe.skipIf(!postgresUrl)(`the daily mix under load (${NEEDS_POSTGRES})`, () => {
  let db: FaultDatabase;
  let api: ApiProcess;
  let client: pg.Client;

  beforeAll(async () => {
    db = await createFaultDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    // The calls benchmark's generator: 100 users, 30 calls each, with history and reminders around today.
    await seedBench(client, 3_000);
    api = await startApi({ DATABASE_URL: db.url, LOG_LEVEL: 'warn' });
  });
  afterAll(async () => {
    await client?.end();
    await api?.kill();
    await db?.drop();
  });

  it(
    `${USERS} users × ${SECONDS} s: no 5xx, and every row the 2xx answers promised is in the database, no more`,
    { timeout: 120_000 + SECONDS * 2_000 },
    async () => {
      const users = Array.from({ length: USERS }, (_, i) => ({ email: benchEmail(i), password: BENCH_PASSWORD }));
      const emails = users.map((u) => u.email);
      const before = await countRows(client, emails);
      const report = await runDailyMix(api.baseUrl, users, SECONDS);
      const after = await countRows(client, emails);

      expect(report.failures).toEqual([]);
      expect(Object.keys(report.byStatus).filter((s) => Number(s) >= 500)).toEqual([]);
      expect(report.promised.history, 'some attempts were logged').toBeGreaterThan(0);
      expect(await checkPromises(client, before, after, report)).toEqual([]);
      expect(api.logs.filter((l) => Number(l.level) >= 50)).toEqual([]);
      process.stdout.write(
        `load: ${report.requests} requests (${report.rps}/s), ${JSON.stringify(report.byStatus)}, promised ${JSON.stringify(report.promised)}\n`,
      );
    },
  );
});
