import { afterAll, beforeAll, describe, expect, it } from 'vitest';
const DATE_MIN = '1900-01-01';
const DATE_MAX = '2200-12-31';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { signedIn, type Agent } from '../helpers/client.ts';
import { snapshotTables } from '../helpers/db-state.ts';
import { createUser } from '../helpers/factories.ts';
import { upload } from '../imports/helpers.ts';

/**
 * Every date and instant a client sends is between 1900-01-01 and 2200-12-31 (its written date):
 * outside, a 400 problem naming the field, never a 500 from the database or a year silently read
 * as 20xx.
 */
let t: TestContext;
let agent: Agent;
let admin: Agent;
let callId = '';
let reminderId = '';

const RANGE_MESSAGE = `Expected a date from ${DATE_MIN} to ${DATE_MAX}`;

beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-02T10:00:00Z' });
  agent = await signedIn(t.app, await createUser(t.database));
  admin = await signedIn(t.app, await createUser(t.database, { role: 'admin' }));
  const call = await agent.post('/calls', { phone: '06 12 34 56 78' });
  callId = (call.json() as { id: string }).id;
  const reminder = await agent.post('/reminders', { callId, scheduledAt: '2026-03-03T09:00:00Z' });
  reminderId = (reminder.json() as { id: string }).id;
});
afterAll(async () => t.close());

function expectInvalid(res: { statusCode: number; headers: Record<string, unknown>; body: string }, path: string) {
  expect(res.statusCode, res.body).toBe(400);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(res.body) as { code: string; errors: { path: string; message: string }[] };
  expect(problem.code).toBe('validation_failed');
  expect(problem.errors.map((e) => e.path)).toContain(path);
  return problem;
}

describe('dates in query strings', () => {
  it.each([
    ['/calls?from=0001-01-01', 'querystring.from'],
    ['/calls?from=0000-01-01', 'querystring.from'],
    ['/calls/export?from=0001-01-01', 'querystring.from'],
    ['/reminders?date=0001-01-01', 'querystring.date'],
  ])('GET %s answers 400 naming %s (it was a 500)', async (url, path) => {
    expectInvalid(await agent.get(url), path);
  });

  it('refuses 1899-12-31, 2201-01-01 and year 10000, as dates and as instants, with the range in the message', async () => {
    for (const value of ['1899-12-31', '2201-01-01', '1899-12-31T23:59:59Z', '2201-01-01T00:00:00+14:00']) {
      const problem = expectInvalid(await agent.get(`/calls?to=${encodeURIComponent(value)}`), 'querystring.to');
      expect(problem.errors[0]?.message).toBe(RANGE_MESSAGE);
    }
    expectInvalid(await agent.get('/calls?from=10000-01-01'), 'querystring.from');
    expectInvalid(await agent.get('/reminders?date=0000-01-01'), 'querystring.date');
    expectInvalid(await agent.get('/reminders?date=2201-01-01'), 'querystring.date');
  });

  it('accepts both ends of the range: 1900-01-01 and 2200-12-31, in any zone offset', async () => {
    for (const url of [
      `/calls?from=${DATE_MIN}&to=${DATE_MAX}`,
      `/calls?dateField=nextReminderAt&from=${encodeURIComponent('1900-01-01T00:00:00+14:00')}`,
      `/calls?to=${encodeURIComponent('2200-12-31T23:59:59-12:00')}`,
      `/calls/export?from=${DATE_MIN}`,
      `/reminders?date=${DATE_MIN}`,
      `/reminders?date=${DATE_MAX}`,
      `/reports/kpi?range=${DATE_MIN}..1900-01-31`,
      `/reports/kpi?range=2200-12-01..${DATE_MAX}`,
    ]) {
      const res = await agent.get(url);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    }
  });

  it('refuses a KPI range with an end outside the range', async () => {
    for (const range of ['0001-01-01..0001-01-05', '1899-12-31..1900-01-05', '2200-12-31..2201-01-01']) {
      const problem = expectInvalid(await agent.get(`/reports/kpi?range=${range}`), 'querystring.range');
      expect(problem.errors[0]?.message).toBe(`Expected dates from ${DATE_MIN} to ${DATE_MAX}`);
    }
  });

  it('refuses an audit-log filter outside the range', async () => {
    expectInvalid(await admin.get('/admin/audits?from=0000-01-01T00:00:00Z'), 'querystring.from');
    expectInvalid(await admin.get('/admin/audits?to=2201-01-01T00:00:00Z'), 'querystring.to');
    expect((await admin.get('/admin/audits?from=1900-01-01T00:00:00Z&to=2200-12-31T00:00:00Z')).statusCode).toBe(200);
  });
});

describe('dates in bodies', () => {
  it('refuses occurredAt, scheduledAt and a logged reminder outside the range, writing nothing', async () => {
    const before = await snapshotTables(t.database);
    expectInvalid(
      await agent.post(`/calls/${callId}/log`, { status: 'no_answer', occurredAt: '0000-01-01T00:00:00Z' }),
      'body.occurredAt',
    );
    expectInvalid(
      await agent.post(`/calls/${callId}/log`, {
        status: 'callback',
        reminder: { scheduledAt: '2201-01-01T09:00:00Z' },
      }),
      'body.reminder.scheduledAt',
    );
    // Year 0001 was stored as 2001 before (the driver writes the year without its leading zeros).
    expectInvalid(
      await agent.post('/reminders', { callId, scheduledAt: '0001-01-01T00:00:00Z', allowPast: true }),
      'body.scheduledAt',
    );
    expectInvalid(
      await agent.patch(`/reminders/${reminderId}`, { scheduledAt: '1899-12-31T23:59:59Z', allowPast: true }),
      'body.scheduledAt',
    );
    expect(await snapshotTables(t.database)).toEqual(before);
  });

  it('accepts a reminder on the last day of the range', async () => {
    const res = await agent.post('/reminders', { callId, scheduledAt: '2200-12-31T09:00:00Z' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ scheduledAt: '2200-12-31T09:00:00.000Z' });
  });

  it('reads an imported date outside the range as unreadable (the row is rejected, the others imported)', async () => {
    const csv = [
      'Prénom;Nom;Téléphone;Dernier appel;Prochain rappel',
      'Ana;Avant;06 11 00 00 01;01/01/0001;',
      'Bea;Après;06 11 00 00 02;;2201-01-01T09:00:00Z',
      'Cid;Bornes;06 11 00 00 03;01/01/1900;31/12/2200',
    ].join('\r\n');
    const res = await upload(agent, Buffer.from(`${csv}\r\n`, 'utf8'));
    expect(res.statusCode, res.body).toBe(201);
    const detail = res.json() as {
      counts: { created: number; failed: number };
      errors: { line: number; code: string }[];
    };
    expect(detail.counts).toMatchObject({ created: 1, failed: 2 });
    expect(detail.errors.map((e) => [e.line, e.code])).toEqual([
      [2, 'date_invalid'],
      [3, 'date_invalid'],
    ]);
  });
});
