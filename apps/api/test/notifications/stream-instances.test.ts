import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notification } from '@ct/contracts';
import { createUser } from '../helpers/factories.ts';
import { listenOnLoopback } from '../helpers/app.ts';
import { signedIn } from '../helpers/client.ts';
import { openSse } from '../helpers/sse.ts';
import { buildInstance, createSharedDatabase, sharedPostgresUrl } from '../helpers/shared-database.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import type { App } from '../../src/app.ts';

// Two API instances in one test process, each with its own pool and LISTEN connection on one real
// PostgreSQL database. Needs TEST_DATABASE_URL: PGlite runs inside a single process and cannot be
// shared, so on the embedded database this suite is skipped.
describe.skipIf(!sharedPostgresUrl)('live notifications across API instances (PostgreSQL LISTEN/NOTIFY)', () => {
  let shared: Awaited<ReturnType<typeof createSharedDatabase>>;
  let a: App;
  let b: App;
  let baseB: string;
  const clock = new ManualClock(new Date('2026-03-02T10:00:00Z'));

  beforeAll(async () => {
    shared = await createSharedDatabase();
    a = await buildInstance(await shared.connect(), clock);
    b = await buildInstance(await shared.connect(), clock);
    baseB = await listenOnLoopback(b);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await shared?.drop();
  });

  it('a notification made through instance A reaches a stream held by instance B', async () => {
    const user = await createUser(a.database);
    const agent = await signedIn(b, user);
    const stream = await openSse(`${baseB}/me/notifications/stream`, { cookies: agent.cookies });
    expect(stream.status).toBe(200);
    await b.notificationStreams.settled();

    const row = await a.notifications.notify(user.id, {
      text: { kind: 'call_logged', contactName: 'Hélène Dupré', phone: '06 23 45 87 91', status: 'reached' },
      dedupeKey: 'cross-instance:1',
      link: null,
    });
    const [event] = await stream.take(1);
    expect(Number(event!.id)).toBe(row!.id);
    expect((JSON.parse(event!.data) as Notification).title).toBe('Appel effectué : Hélène Dupré');
    stream.close();
  });

  it("never hands instance B's stream another user's notification", async () => {
    const mine = await createUser(a.database);
    const other = await createUser(a.database);
    const agent = await signedIn(b, mine);
    const stream = await openSse(`${baseB}/me/notifications/stream`, { cookies: agent.cookies });
    await b.notificationStreams.settled();
    const text = { kind: 'call_logged', contactName: 'X', phone: '06 23 45 87 91', status: 'reached' } as const;
    await a.notifications.notify(other.id, { text, dedupeKey: 'cross-instance:other', link: null });
    const row = await a.notifications.notify(mine.id, { text, dedupeKey: 'cross-instance:mine', link: null });
    const events = await stream.take(1);
    await b.notificationStreams.settled();
    expect(events.map((e) => Number(e.id))).toEqual([row!.id]);
    expect(stream.events).toHaveLength(1);
    stream.close();
  });

  it('a session signed out through instance A closes its stream on instance B', async () => {
    const user = await createUser(a.database);
    const agent = await signedIn(a, user);
    const stream = await openSse(`${baseB}/me/notifications/stream`, { cookies: agent.cookies });
    await b.notificationStreams.settled();
    expect(b.notificationStreams.count(user.id)).toBe(1);
    const res = await agent.post('/auth/logout');
    expect(res.statusCode).toBeLessThan(300);
    await stream.ended;
    expect(b.notificationStreams.count(user.id)).toBe(0);
  });
});
