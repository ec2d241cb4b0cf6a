import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';
import { signedIn, type Agent } from '../helpers/client.ts';
import { createCall, createReminder, logAttempt, snapshot } from './fixtures.ts';

let t: TestContext;
let alice: Agent;
let bob: Agent;
let aliceId: string;
let callId: string;
let reminderId: string;
let deletedId: string;

beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-24T10:00:00Z' });
  const a = await createUser(t.database);
  aliceId = a.id;
  alice = await signedIn(t.app, a);
  bob = await signedIn(t.app, await createUser(t.database));
  callId = (await createCall(alice, { lastName: 'Secret' })).id;
  reminderId = (await createReminder(alice, { callId, scheduledAt: '2026-03-25T09:00:00Z' })).id;
  await logAttempt(alice, callId, { status: 'to_call', note: 'private note' });
  deletedId = (await createCall(alice)).id;
  await alice.delete(`/calls/${deletedId}`);
  await createCall(bob, { lastName: 'Bob' });
});
afterAll(() => t.close());

describe("another user's calls and reminders", () => {
  const routes: [
    string,
    (id: { call: string; reminder: string; deleted: string }) => Promise<{ statusCode: number; body: string }>,
  ][] = [
    ['GET /calls/:id', (ids) => bob.get(`/calls/${ids.call}`)],
    ['PATCH /calls/:id', (ids) => bob.patch(`/calls/${ids.call}`, { description: 'hacked' })],
    [
      'PATCH /calls/:id with If-Match: *',
      (ids) => bob.patch(`/calls/${ids.call}`, { description: 'hacked' }, { 'if-match': '*' }),
    ],
    ['DELETE /calls/:id', (ids) => bob.delete(`/calls/${ids.call}`)],
    ['POST /calls/:id/restore', (ids) => bob.post(`/calls/${ids.deleted}/restore`)],
    ['POST /calls/:id/log', (ids) => bob.post(`/calls/${ids.call}/log`, { status: 'reached' })],
    [
      'POST /reminders on their call',
      (ids) => bob.post('/reminders', { callId: ids.call, scheduledAt: '2026-03-26T09:00:00Z' }),
    ],
    ['GET /reminders/:id', (ids) => bob.get(`/reminders/${ids.reminder}`)],
    ['PATCH /reminders/:id', (ids) => bob.patch(`/reminders/${ids.reminder}`, { done: true })],
    ['POST /reminders/:id/snooze', (ids) => bob.post(`/reminders/${ids.reminder}/snooze`, { preset: '1h' })],
    ['DELETE /reminders/:id', (ids) => bob.delete(`/reminders/${ids.reminder}`)],
  ];
  for (const [name, send] of routes) {
    it(`${name} answers 404 and changes nothing`, async () => {
      const before = await snapshot(t.database);
      const res = await send({ call: callId, reminder: reminderId, deleted: deletedId });
      expect(res.statusCode, res.body).toBe(404);
      expect(res.body).not.toContain('Secret');
      expect(await snapshot(t.database)).toEqual(before);
    });
  }

  it('lists, searches and day lists cover only the caller; a userId parameter is ignored', async () => {
    const page = (await bob.get(`/calls?userId=${aliceId}&user_id=${aliceId}`)).json<{
      items: { lastName: string }[];
      total: number;
    }>();
    expect(page.items.map((c) => c.lastName)).toEqual(['Bob']);
    expect((await bob.get('/calls?q=secret')).json()).toMatchObject({ total: 0 });
    expect((await bob.get('/calls?deleted=true')).json()).toMatchObject({ total: 0 });
    expect((await bob.get('/reminders?date=2026-03-25')).json()).toMatchObject({ total: 0 });
    expect((await alice.get('/reminders?date=2026-03-25')).json()).toMatchObject({ total: 1 });
  });

  it('still lets the owner do all of it', async () => {
    expect((await alice.get(`/calls/${callId}`)).statusCode).toBe(200);
    expect((await alice.get(`/reminders/${reminderId}`)).statusCode).toBe(200);
    expect((await alice.post(`/calls/${deletedId}/restore`)).statusCode).toBe(200);
  });
});
