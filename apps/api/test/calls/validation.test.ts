import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';
import { signedIn, type Agent } from '../helpers/client.ts';
import { createCall, snapshot } from './fixtures.ts';

let t: TestContext;
let agent: Agent;
let callId: string;
let reminderId: string;

beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-24T10:00:00Z' });
  agent = await signedIn(t.app, await createUser(t.database));
  callId = (await createCall(agent)).id;
  const logged = await agent.post(`/calls/${callId}/log`, { status: 'callback' });
  reminderId = logged.json().reminder.id;
});
afterAll(() => t.close());

/** Expects a 400 problem+json whose errors name `field`, and no write at all. */
async function expectRejected(send: () => ReturnType<Agent['get']>, field: string) {
  const before = await snapshot(t.database);
  const res = await send();
  expect(res.statusCode, res.body).toBe(400);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const body = res.json<{ errors?: { path: string; message: string }[] }>();
  // The path names the field; an unknown key is named by its message (`Unrecognized key: "userId"`).
  expect(body.errors?.map((e) => `${e.path} ${e.message}`).join(' '), res.body).toContain(field);
  expect(await snapshot(t.database)).toEqual(before);
}

describe('GET /calls validation', () => {
  const cases: [string, string][] = [
    ['status=unknown', 'status'],
    ['status=no_answer,bogus', 'status'],
    ['type=cold', 'type'],
    ['sort=passwordHash:asc', 'sort'],
    ['sort=lastName:sideways', 'sort'],
    ['pageSize=101', 'pageSize'],
    ['pageSize=0', 'pageSize'],
    ['page=0', 'page'],
    ['page=abc', 'page'],
    ['from=2026-02-30', 'from'],
    ['from=yesterday', 'from'],
    ['to=2026-13-01', 'to'],
    ['from=2026-03-24&to=2026-03-23', 'to'],
    ['from=2026-03-24T10:00:00Z&to=2026-03-24T09:00:00Z', 'to'],
    [`q=${'x'.repeat(201)}`, 'q'],
    ['dateField=createdAt', 'dateField'],
    ['unreachable=maybe', 'unreachable'],
  ];
  for (const [params, field] of cases) {
    it(`answers 400 naming ${field} for ?${params.slice(0, 40)}`, async () => {
      await expectRejected(() => agent.get(`/calls?${params}`), field);
    });
  }
});

describe('POST /calls and PATCH /calls/:id validation', () => {
  const bodies: [Record<string, unknown>, string][] = [
    [{ firstName: 'A' }, 'phone'],
    [{ phone: '' }, 'phone'],
    [{ phone: '1'.repeat(41) }, 'phone'],
    [{ phone: '0612345678', firstName: 'x'.repeat(101) }, 'firstName'],
    [{ phone: '0612345678', lastName: 'x'.repeat(101) }, 'lastName'],
    [{ phone: '0612345678', description: 'x'.repeat(2001) }, 'description'],
    [{ phone: '0612345678', status: 'maybe' }, 'status'],
    [{ phone: '0612345678', type: 'cold' }, 'type'],
    [{ phone: 612345678 }, 'phone'],
    [{ phone: '0612345678', userId: '00000000-0000-4000-8000-000000000000' }, 'userId'],
  ];
  for (const [body, field] of bodies) {
    it(`POST answers 400 naming ${field} for ${JSON.stringify(body).slice(0, 50)}`, async () => {
      await expectRejected(() => agent.post('/calls', body), field);
    });
  }

  it('PATCH answers 400 for an empty change and for bad fields', async () => {
    await expectRejected(() => agent.patch(`/calls/${callId}`, {}), '');
    await expectRejected(() => agent.patch(`/calls/${callId}`, { status: 'nope' }), 'status');
    await expectRejected(() => agent.patch(`/calls/${callId}`, { phone: '' }), 'phone');
    await expectRejected(() => agent.patch(`/calls/${callId}`, { version: 7 }), 'version');
  });
});

describe('POST /calls/:id/log validation', () => {
  const bodies: [Record<string, unknown>, string][] = [
    [{}, 'status'],
    [{ status: 'maybe' }, 'status'],
    [{ status: 'reached', note: 'x'.repeat(2001) }, 'note'],
    [{ status: 'reached', occurredAt: 'yesterday' }, 'occurredAt'],
    [{ status: 'reached', occurredAt: '2026-03-25T10:00:00Z' }, 'occurredAt'],
    [{ status: 'callback', reminder: { scheduledAt: 'tomorrow' } }, 'reminder.scheduledAt'],
    [{ status: 'callback', reminder: { scheduledAt: '2026-03-25T10:00:00Z', priority: 'asap' } }, 'reminder.priority'],
    [{ status: 'callback', reminder: { scheduledAt: '2026-03-20T10:00:00Z' } }, 'reminder.scheduledAt'],
    [{ status: 'callback', reminder: { scheduledAt: '2026-03-25T10:00:00Z', userId: 'x' } }, 'reminder'],
  ];
  for (const [body, field] of bodies) {
    it(`answers 400 naming ${field} for ${JSON.stringify(body).slice(0, 60)}`, async () => {
      await expectRejected(() => agent.post(`/calls/${callId}/log`, body), field);
    });
  }
});

describe('reminder routes validation', () => {
  it('GET /reminders answers 400 naming the parameter', async () => {
    await expectRejected(() => agent.get('/reminders?date=2026-13-01'), 'date');
    await expectRejected(() => agent.get('/reminders?date=tomorrow'), 'date');
    await expectRejected(() => agent.get('/reminders?priority=asap'), 'priority');
    await expectRejected(() => agent.get('/reminders?done=maybe'), 'done');
    await expectRejected(() => agent.get('/reminders?pageSize=101'), 'pageSize');
  });

  it('POST /reminders answers 400 naming the field', async () => {
    await expectRejected(() => agent.post('/reminders', { scheduledAt: '2026-03-25T10:00:00Z' }), 'callId');
    await expectRejected(
      () => agent.post('/reminders', { callId: 'nope', scheduledAt: '2026-03-25T10:00:00Z' }),
      'callId',
    );
    await expectRejected(
      () => agent.post('/reminders', { callId, scheduledAt: '2026-03-20T10:00:00Z' }),
      'scheduledAt',
    );
    await expectRejected(
      () => agent.post('/reminders', { callId, scheduledAt: '2026-03-25T10:00:00Z', priority: 'asap' }),
      'priority',
    );
    await expectRejected(
      () => agent.post('/reminders', { callId, scheduledAt: '2026-03-25T10:00:00Z', note: 'x'.repeat(2001) }),
      'note',
    );
  });

  it('PATCH /reminders/:id and snooze answer 400 naming the field', async () => {
    await expectRejected(() => agent.patch(`/reminders/${reminderId}`, {}), 'done');
    await expectRejected(() => agent.patch(`/reminders/${reminderId}`, { status: 'reached' }), 'status');
    await expectRejected(() => agent.patch(`/reminders/${reminderId}`, { priority: 'high', reason: 'busy' }), 'reason');
    await expectRejected(
      () => agent.patch(`/reminders/${reminderId}`, { scheduledAt: '2026-03-20T10:00:00Z' }),
      'scheduledAt',
    );
    await expectRejected(() => agent.patch(`/reminders/${reminderId}`, { done: 'yes' }), 'done');
    await expectRejected(() => agent.patch(`/reminders/${reminderId}`, { done: true, callId }), 'callId');
    await expectRejected(() => agent.post(`/reminders/${reminderId}/snooze`, { preset: '2d' }), 'preset');
    await expectRejected(() => agent.post(`/reminders/${reminderId}/snooze`, {}), 'preset');
  });
});
