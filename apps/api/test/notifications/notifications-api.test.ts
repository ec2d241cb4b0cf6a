import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notification, NotificationPage } from '@ct/contracts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';
import { Agent, signedIn } from '../helpers/client.ts';
import { updateProfile } from '../helpers/rows.ts';
import { NOTIFICATION_RATE } from '../../src/modules/notifications/notifications.routes.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-02T10:00:00Z' });
});
afterAll(() => t.close());

let seq = 0;
/** A call_logged notification for the user, through the service the subscribers use. */
async function notifyCall(userId: string, status: 'reached' | 'no_answer' = 'reached') {
  const row = await t.app.notifications.notify(userId, {
    text: { kind: 'call_logged', contactName: 'Jeanne Martin', phone: '06 23 45 87 91', status },
    dedupeKey: `test:${++seq}`,
    link: '/calls?open=x',
    meta: { n: seq },
  });
  if (!row) throw new Error('not created');
  return row;
}

async function newUser() {
  const user = await createUser(t.database);
  return { user, agent: await signedIn(t.app, user) };
}

describe('GET /me/notifications', () => {
  it('lists newest first with the unread count, in the public shape', async () => {
    const { user, agent } = await newUser();
    const a = await notifyCall(user.id);
    t.clock.advance(1000);
    const b = await notifyCall(user.id, 'no_answer');
    const res = await agent.get('/me/notifications');
    expect(res.statusCode).toBe(200);
    const page = res.json() as NotificationPage;
    expect(page).toMatchObject({ page: 1, pageSize: 25, total: 2, unread: 2 });
    expect(page.items.map((n) => n.id)).toEqual([b.id, a.id]);
    expect(page.items[0]).toEqual({
      id: b.id,
      type: 'call_logged',
      title: 'Appel effectué : Jeanne Martin',
      body: 'Jeanne Martin — 06 23 45 87 91 · Pas de réponse',
      link: '/calls?open=x',
      meta: { n: seq },
      readAt: null,
      createdAt: '2026-03-02T10:00:01.000Z',
    });
  });

  it("writes in the user's language", async () => {
    const { user, agent } = await newUser();
    await updateProfile(t.database, user.id, { language: 'en' });
    await notifyCall(user.id);
    const [item] = ((await agent.get('/me/notifications')).json() as NotificationPage).items;
    expect(item).toMatchObject({
      title: 'Call logged: Jeanne Martin',
      body: 'Jeanne Martin — 06 23 45 87 91 · Reached',
    });
  });

  it('filters by read state and type, and pages', async () => {
    const { user, agent } = await newUser();
    const rows = [];
    for (let i = 0; i < 5; i++) rows.push(await notifyCall(user.id));
    await agent.patch(`/me/notifications/${rows[0]!.id}/read`, {});
    const unread = (await agent.get('/me/notifications?read=false')).json() as NotificationPage;
    expect(unread.items.map((n) => n.id)).toEqual(
      rows
        .slice(1)
        .map((r) => r.id)
        .reverse(),
    );
    expect(unread).toMatchObject({ total: 4, unread: 4 });
    const read = (await agent.get('/me/notifications?read=true')).json() as NotificationPage;
    expect(read.items.map((n) => n.id)).toEqual([rows[0]!.id]);
    expect(((await agent.get('/me/notifications?type=digest')).json() as NotificationPage).total).toBe(0);
    expect(((await agent.get('/me/notifications?type=call_logged')).json() as NotificationPage).total).toBe(5);
    const page2 = (await agent.get('/me/notifications?page=2&pageSize=2')).json() as NotificationPage;
    expect(page2).toMatchObject({ page: 2, pageSize: 2, total: 5 });
    expect(page2.items.map((n) => n.id)).toEqual([rows[2]!.id, rows[1]!.id]);
  });

  it('refuses bad filters with 400 naming them', async () => {
    const { agent } = await newUser();
    for (const [query, path] of [
      ['read=maybe', 'querystring.read'],
      ['type=spam', 'querystring.type'],
      ['page=0', 'querystring.page'],
      ['pageSize=1000', 'querystring.pageSize'],
    ] as const) {
      const res = await agent.get(`/me/notifications?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect((res.json() as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain(path);
    }
  });

  it("never shows another user's notifications", async () => {
    const a = await newUser();
    const b = await newUser();
    await notifyCall(b.user.id);
    const page = (await a.agent.get('/me/notifications')).json() as NotificationPage;
    expect(page).toMatchObject({ total: 0, unread: 0, items: [] });
  });

  it('answers 401 without a session', async () => {
    expect((await new Agent(t.app).get('/me/notifications')).statusCode).toBe(401);
  });
});

describe('PATCH /me/notifications/:id/read', () => {
  it('marks one read, keeps the first read time when repeated', async () => {
    const { user, agent } = await newUser();
    const row = await notifyCall(user.id);
    const other = await notifyCall(user.id);
    const res = await agent.patch(`/me/notifications/${row.id}/read`, {});
    expect(res.statusCode).toBe(200);
    expect((res.json() as Notification).readAt).toBe('2026-03-02T10:00:01.000Z');
    t.clock.advance(60_000);
    const again = await agent.patch(`/me/notifications/${row.id}/read`, {});
    expect((again.json() as Notification).readAt).toBe('2026-03-02T10:00:01.000Z');
    const page = (await agent.get('/me/notifications')).json() as NotificationPage;
    expect(page.unread).toBe(1);
    expect(page.items.find((n) => n.id === other.id)?.readAt).toBeNull();
  });

  it("answers 404 for another user's notification and leaves it unread", async () => {
    const a = await newUser();
    const b = await newUser();
    const row = await notifyCall(b.user.id);
    expect((await a.agent.patch(`/me/notifications/${row.id}/read`, {})).statusCode).toBe(404);
    expect(((await b.agent.get('/me/notifications')).json() as NotificationPage).unread).toBe(1);
  });

  it('answers 404 for an unknown id and 400 for a non-numeric one', async () => {
    const { agent } = await newUser();
    expect((await agent.patch('/me/notifications/999999999/read', {})).statusCode).toBe(404);
    expect((await agent.patch('/me/notifications/abc/read', {})).statusCode).toBe(400);
  });

  it('needs the CSRF token', async () => {
    const { user, agent } = await newUser();
    const row = await notifyCall(user.id);
    const res = await agent.request({
      method: 'PATCH',
      url: `/me/notifications/${row.id}/read`,
      payload: {},
      csrf: null,
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('POST /me/notifications/mark-all-read', () => {
  it("marks all of the caller's notifications read, and only theirs", async () => {
    const a = await newUser();
    const b = await newUser();
    for (let i = 0; i < 3; i++) await notifyCall(a.user.id);
    await notifyCall(b.user.id);
    const res = await a.agent.post('/me/notifications/mark-all-read');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ updated: 3, unread: 0 });
    expect(((await a.agent.get('/me/notifications?read=false')).json() as NotificationPage).total).toBe(0);
    expect(((await b.agent.get('/me/notifications')).json() as NotificationPage).unread).toBe(1);
    expect((await a.agent.post('/me/notifications/mark-all-read')).json()).toEqual({ updated: 0, unread: 0 });
  });
});

describe('rate limit on the notification endpoints', () => {
  it('answers 429 past the per-user budget, without touching another user', async () => {
    const a = await newUser();
    const b = await newUser();
    for (let i = 0; i < NOTIFICATION_RATE.max; i++) {
      const res = await a.agent.get('/me/notifications?pageSize=1');
      expect(res.statusCode).toBe(200);
    }
    const over = await a.agent.get('/me/notifications?pageSize=1');
    expect(over.statusCode).toBe(429);
    expect(over.headers['retry-after']).toBeDefined();
    expect((await a.agent.post('/me/notifications/mark-all-read')).statusCode).toBe(429);
    expect((await b.agent.get('/me/notifications')).statusCode).toBe(200);
  });
});
