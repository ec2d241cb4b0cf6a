import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sessions } from '@ct/db';
import type { Notification } from '@ct/contracts';
import { createTestApp, type TestContext, listenOnLoopback } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';
import { signedIn, type Agent } from '../helpers/client.ts';
import { openSse } from '../helpers/sse.ts';
import { STREAM_RATE } from '../../src/modules/notifications/notifications.routes.ts';
import { MAX_STREAMS_PER_USER } from '../../src/modules/notifications/notifications.stream.ts';
import { updateSettings } from '../helpers/rows.ts';

let t: TestContext;
let base: string;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-02T10:00:00Z' });
  base = await listenOnLoopback(t.app);
});
afterAll(() => t.close());

let seq = 0;
async function notify(userId: string) {
  const row = await t.app.notifications.notify(userId, {
    text: { kind: 'call_logged', contactName: `Contact ${++seq}`, phone: '06 23 45 87 91', status: 'reached' },
    dedupeKey: `stream-test:${seq}`,
    link: null,
  });
  if (!row) throw new Error('not created');
  return row;
}

async function newUser(): Promise<{ id: string; agent: Agent }> {
  const user = await createUser(t.database);
  return { id: user.id, agent: await signedIn(t.app, user) };
}

const open = (agent: Agent, options: { lastEventId?: string; query?: string } = {}) =>
  openSse(`${base}/me/notifications/stream${options.query ?? ''}`, {
    cookies: agent.cookies,
    ...(options.lastEventId ? { lastEventId: options.lastEventId } : {}),
  });

describe('GET /me/notifications/stream', () => {
  it('answers 401 without a session', async () => {
    const res = await fetch(`${base}/me/notifications/stream`);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    await res.text();
  });

  it('streams with SSE headers and the security headers of every response', async () => {
    const { agent } = await newUser();
    const stream = await open(agent);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(stream.headers.get('cache-control')).toBe('no-store, no-transform');
    expect(stream.headers.get('x-content-type-options')).toBe('nosniff');
    stream.close();
  });

  it('sends one notification event per new notification, its id as the SSE id', async () => {
    const { id, agent } = await newUser();
    await notify(id); // before connecting: not replayed without Last-Event-ID
    const stream = await open(agent);
    await t.app.notificationStreams.settled();
    const row = await notify(id);
    const [event] = await stream.take(1);
    expect(event).toMatchObject({ id: String(row.id), event: 'notification' });
    const data = JSON.parse(event!.data) as Notification;
    expect(data).toMatchObject({ id: row.id, type: 'call_logged', title: row.title, readAt: null });
    stream.close();
  });

  it('replays exactly the missed notifications, in order, after a reconnect with Last-Event-ID', async () => {
    const { id, agent } = await newUser();
    const first = await open(agent);
    await t.app.notificationStreams.settled();
    const seen = await notify(id);
    const [event] = await first.take(1);
    first.close();
    await first.ended;
    // The server notices the disconnect and forgets the stream.
    await vi.waitFor(() => expect(t.app.notificationStreams.count(id)).toBe(0), { timeout: 5_000 });

    const missed = [await notify(id), await notify(id), await notify(id)];
    const second = await open(agent, { lastEventId: event!.id! });
    const replayed = await second.take(3);
    expect(replayed.map((e) => Number(e.id))).toEqual(missed.map((m) => m.id));
    expect(replayed.every((e) => e.event === 'notification')).toBe(true);
    // Nothing more than the three: the next event is the next new notification.
    const next = await notify(id);
    const four = await second.take(4);
    expect(four.map((e) => Number(e.id))).toEqual([...missed.map((m) => m.id), next.id]);
    expect(seen.id).toBeLessThan(missed[0]!.id);
    second.close();
  });

  it('accepts the lastEventId query parameter when the header cannot be set', async () => {
    const { id, agent } = await newUser();
    const before = await notify(id);
    const after = await notify(id);
    const stream = await open(agent, { query: `?lastEventId=${before.id}` });
    const [event] = await stream.take(1);
    expect(Number(event!.id)).toBe(after.id);
    stream.close();
  });

  it("treats a foreign Last-Event-ID as a plain number: never sends another user's notifications", async () => {
    const a = await newUser();
    const b = await newUser();
    const mine = await notify(a.id);
    const foreign = await notify(b.id);
    const mineAfter = await notify(a.id);
    const stream = await open(a.agent, { lastEventId: String(mine.id) });
    await t.app.notificationStreams.settled();
    await notify(b.id);
    const live = await notify(a.id);
    const events = await stream.take(2);
    expect(events.map((e) => Number(e.id))).toEqual([mineAfter.id, live.id]);
    expect(events.some((e) => Number(e.id) === foreign.id)).toBe(false);
    stream.close();
  });

  it('ignores a Last-Event-ID that is not a number', async () => {
    const { id, agent } = await newUser();
    await notify(id);
    const stream = await open(agent, { lastEventId: '1; drop table notifications' });
    await t.app.notificationStreams.settled();
    const row = await notify(id);
    const [event] = await stream.take(1);
    expect(Number(event!.id)).toBe(row.id);
    stream.close();
  });

  it('does not push notifications held for a digest', async () => {
    const { id, agent } = await newUser();
    await updateSettings(t.database, id, { notifFrequency: 'daily' });
    const stream = await open(agent);
    await t.app.notificationStreams.settled();
    await notify(id); // held
    await updateSettings(t.database, id, { notifFrequency: 'realtime' });
    const pushed = await notify(id);
    const [event] = await stream.take(1);
    expect(Number(event!.id)).toBe(pushed.id);
    stream.close();
  });

  it('pings every heartbeat', async () => {
    const { agent } = await newUser();
    const stream = await open(agent);
    await t.app.notificationStreams.settled();
    await t.app.notificationStreams.heartbeat();
    await stream.comment('ping');
    stream.close();
  });

  it('closes the stream when its session signs out', async () => {
    const { id, agent } = await newUser();
    const stream = await open(agent);
    await t.app.notificationStreams.settled();
    expect(t.app.notificationStreams.count(id)).toBe(1);
    expect((await agent.post('/auth/logout')).statusCode).toBeLessThan(300);
    await stream.ended;
    expect(t.app.notificationStreams.count(id)).toBe(0);
  });

  it('closes on the next heartbeat a session revoked elsewhere (another instance, straight in the database)', async () => {
    const { id, agent } = await newUser();
    const stream = await open(agent);
    await t.app.notificationStreams.settled();
    await t.database.db
      .update(sessions)
      .set({ revokedAt: t.clock.now(), revokedReason: 'test' })
      .where(eq(sessions.userId, id));
    await t.app.notificationStreams.heartbeat();
    await stream.ended;
    expect(t.app.notificationStreams.count(id)).toBe(0);
  });

  it(`keeps at most ${MAX_STREAMS_PER_USER} streams per user open (the oldest goes), and answers 429 past ${STREAM_RATE.max} opens a minute`, async () => {
    const a = await newUser();
    const b = await newUser();
    const first = await open(a.agent);
    const rest = [];
    for (let i = 1; i <= MAX_STREAMS_PER_USER; i++) rest.push(await open(a.agent));
    await t.app.notificationStreams.settled();
    await first.ended;
    expect(t.app.notificationStreams.count(a.id)).toBe(MAX_STREAMS_PER_USER);
    for (const stream of rest) stream.close();
    // Opens count, open or closed since: a page load a second is within budget, a loop is not.
    for (let i = MAX_STREAMS_PER_USER + 1; i < STREAM_RATE.max; i++) (await open(a.agent)).close();
    const over = await open(a.agent);
    expect(over.status).toBe(429);
    over.close();
    const other = await open(b.agent);
    expect(other.status).toBe(200);
    other.close();
  });
});
