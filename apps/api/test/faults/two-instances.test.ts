import { randomInt, randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notification } from '@ct/contracts';
import { createDatabase } from '@ct/db';
import { createUser, type TestUser } from '../helpers/factories.ts';
import { openSse } from '../helpers/sse.ts';
import {
  createFaultDatabase,
  HttpAgent,
  NEEDS_POSTGRES,
  postgresUrl,
  signIn,
  sleep,
  startApi,
  type ApiProcess,
  type FaultDatabase,
} from './api-process.ts';

/**
 * Two API processes on one database, as behind a load balancer: live events cross from one to the
 * other (LISTEN/NOTIFY), and with REDIS_URL the failed-login budget is one budget, not one per
 * process. Redis: TEST_REDIS_URL, REDIS_TEST_URL (CI) or the machine's redis://127.0.0.1:6379.
 */
const redisUrl = process.env.TEST_REDIS_URL || process.env.REDIS_TEST_URL || 'redis://127.0.0.1:6379';
const redisUp = postgresUrl ? await answersPing(redisUrl) : false;
const MAX = 3;

/** True when a Redis server answers PING at the URL (within 1 s). */
function answersPing(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port || 6379), hostname || '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

describe.skipIf(!postgresUrl)(`two API processes on one database (${NEEDS_POSTGRES})`, () => {
  let db: FaultDatabase;
  let a: ApiProcess;
  let b: ApiProcess;
  let user: TestUser;

  beforeAll(async () => {
    db = await createFaultDatabase();
    const database = await createDatabase({ url: db.url, poolMax: 2 });
    user = await createUser(database);
    await database.close();
    const env = {
      DATABASE_URL: db.url,
      LOGIN_RATE_MAX: String(MAX),
      LOGIN_RATE_WINDOW_MS: '60000',
      TRUST_PROXY: '127.0.0.1',
      ...(redisUp ? { REDIS_URL: redisUrl } : {}),
    };
    [a, b] = await Promise.all([startApi(env), startApi(env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.kill(), b?.kill()]);
    await db?.drop();
  });

  it('delivers a notification made through process A to a live stream held by process B', async () => {
    const onA = await signIn(a.baseUrl, user.email, user.password);
    const onB = await signIn(b.baseUrl, user.email, user.password);
    const stream = await openSse(`${b.baseUrl}/me/notifications/stream`, { cookies: onB.cookies });
    expect(stream.status).toBe(200);

    const created = await onA.request('POST', '/calls', {
      firstName: 'Hélène',
      lastName: 'Dupré',
      phone: '06 12 34 56 78',
    });
    expect(created.status).toBe(201);
    const logged = await onA.request('POST', `/calls/${created.json<{ id: string }>().id}/log`, { status: 'reached' });
    expect(logged.status).toBe(201);

    const [event] = await stream.take(1, 10_000);
    const notification = JSON.parse(event!.data) as Notification;
    expect(notification).toMatchObject({
      type: 'call_logged',
      meta: { historyId: logged.json<{ entry: { id: string } }>().entry.id },
    });
    stream.close();
  });

  it.skipIf(!redisUp)(
    `shares the failed-login budget through Redis: ${MAX} failures spread over both processes, then 429 on either`,
    async () => {
      // A fresh account and client address per run: the keys never meet other runs' in the shared Redis.
      const email = `nobody-${randomUUID()}@example.test`;
      const from = { 'x-forwarded-for': `198.18.${randomInt(256)}.${randomInt(1, 255)}` };
      const attempt = (api: ApiProcess) => new HttpAgent(api.baseUrl).login(email, 'wrong password', from);
      const statuses = [];
      for (const api of [a, b, a]) statuses.push((await attempt(api)).status);
      expect(statuses).toEqual([401, 401, 401]);
      const refusedOnB = await attempt(b);
      expect(refusedOnB.status).toBe(429);
      expect(Number(refusedOnB.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await attempt(a)).status).toBe(429);
    },
  );
});

describe.skipIf(!postgresUrl)(`two API processes running their job timers on one database (${NEEDS_POSTGRES})`, () => {
  let db: FaultDatabase;
  let apis: ApiProcess[] = [];
  let user: TestUser;

  beforeAll(async () => {
    db = await createFaultDatabase();
    const database = await createDatabase({ url: db.url, poolMax: 2 });
    user = await createUser(database);
    await database.close();
    // Both timers fire at the same minute boundary (+250 ms): a real race for each (job, period).
    const env = { DATABASE_URL: db.url, JOBS_DISABLED: 'false', JOBS_ENABLED: 'true' };
    apis = await Promise.all([startApi(env), startApi(env)]);
  });
  afterAll(async () => {
    await Promise.all(apis.map((api) => api.kill()));
    await db?.drop();
  });

  it(
    'notify a due reminder once, from one process, and record each (job, period) once',
    { timeout: 200_000 },
    async () => {
      const [a, b] = apis as [ApiProcess, ApiProcess];
      const onA = await signIn(a.baseUrl, user.email, user.password);
      const onB = await signIn(b.baseUrl, user.email, user.password);
      const created = await onA.request('POST', '/calls', {
        firstName: 'Jérôme',
        lastName: 'Faure',
        phone: '06 12 34 56 78',
      });
      expect(created.status).toBe(201);
      // Due in 15 minutes, the default pre-reminder delay: its notification time is now, so the next tick
      // of either process announces it.
      const scheduledAt = new Date(Date.now() + 15 * 60_000).toISOString();
      const reminder = await onA.request('POST', '/reminders', {
        callId: created.json<{ id: string }>().id,
        scheduledAt,
        priority: 'urgent',
      });
      expect(reminder.status).toBe(201);
      const reminderId = reminder.json<{ id: string }>().id;

      const dueFor = async () => {
        const res = await onB.request('GET', '/me/notifications?type=reminder_due');
        expect(res.status, res.text).toBe(200);
        const items = res.json<{ items: Notification[] }>().items;
        return items.filter((n) => n.meta.reminderId === reminderId);
      };
      // Polled once a second, well inside the API's per-user read budget.
      const deadline = Date.now() + 150_000;
      while ((await dueFor()).length === 0 && Date.now() < deadline) await sleep(1_000);
      // One more minute boundary: a late or repeated run would show up now.
      await sleep(61_000);
      expect(await dueFor()).toHaveLength(1);

      const ran = apis.map((api) => api.logs.filter((l) => l.msg === 'job run' && l.job === 'reminder_due').length);
      expect(
        ran.reduce((n, x) => n + x, 0),
        `runs with work per process: ${ran.join(', ')}`,
      ).toBe(1);

      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ job: string; periods: string; rows: string }>(
          `select job, count(distinct period) as periods, count(*) as rows from job_runs group by job order by job`,
        );
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows) expect(Number(row.rows), row.job).toBe(Number(row.periods));
      } finally {
        await client.end();
      }
    },
  );
});
