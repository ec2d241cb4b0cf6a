import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Call } from '@ct/contracts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';
import { signedIn, type Agent } from '../helpers/client.ts';
import { createCall, getCall, query } from './fixtures.ts';

let t: TestContext;
let agent: Agent;
let userId: string;

beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-25T10:00:00Z' });
  const user = await createUser(t.database);
  userId = user.id;
  agent = await signedIn(t.app, user);
});
afterAll(() => t.close());

describe('POST /calls', () => {
  it('creates a call, keeping the phone as typed and normalising it', async () => {
    const call = await createCall(agent, {
      firstName: 'Hélène',
      lastName: 'Dupré',
      phone: '06 12 34 56 78',
      type: 'follow_up',
      description: 'Devis',
    });
    expect(call).toMatchObject({
      firstName: 'Hélène',
      lastName: 'Dupré',
      phone: '06 12 34 56 78',
      phoneE164: '+33612345678',
      phoneNational: '06 12 34 56 78',
      phoneUri: 'tel:+33612345678',
      phoneValid: true,
      phoneFlagged: false,
      status: 'to_call',
      type: 'follow_up',
      description: 'Devis',
      attempts: 0,
      unreachable: false,
      version: 1,
      lastCallAt: null,
      nextReminderAt: null,
      importId: null,
    });
    const [row] = await query<{ user_id: string; search_text: string }>(
      t.database,
      `select user_id, search_text from calls where id = '${call.id}'`,
    );
    expect(row?.user_id).toBe(userId);
    expect(row?.search_text).toContain('helene dupre');
    expect(row?.search_text).toContain('0612345678');
  });

  it('accepts an unparseable number, flagged invalid and left as typed', async () => {
    const call = await createCall(agent, { phone: 'pas de numéro' });
    expect(call).toMatchObject({
      phone: 'pas de numéro',
      phoneE164: null,
      phoneValid: false,
      phoneNational: 'pas de numéro',
      phoneUri: null,
    });
  });

  it("uses the user's phone region for numbers without a country code", async () => {
    await query(t.database, `update settings set phone_region = 'BE' where user_id = '${userId}'`);
    const call = await createCall(agent, { phone: '0470 12 34 56' });
    await query(t.database, `update settings set phone_region = 'FR' where user_id = '${userId}'`);
    expect(call.phoneE164).toBe('+32470123456');
    expect(call.phoneValid).toBe(true);
  });
});

describe('GET /calls/:id', () => {
  it('answers the call with an ETag, its history and open reminders', async () => {
    const call = await createCall(agent);
    const res = await agent.get(`/calls/${call.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('W/"1"');
    expect(res.json()).toMatchObject({ id: call.id, history: [], openReminders: [] });
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await agent.get('/calls/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const bad = await agent.get('/calls/not-a-uuid');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toContain('id');
  });
});

describe('PATCH /calls/:id', () => {
  it('edits fields, bumps the version and re-normalises a changed phone', async () => {
    const call = await createCall(agent);
    const res = await agent.patch(
      `/calls/${call.id}`,
      { lastName: 'Martin', phone: '+33 7 11 22 33 44' },
      { 'if-match': 'W/"1"' },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers.etag).toBe('W/"2"');
    expect(res.json()).toMatchObject({
      lastName: 'Martin',
      firstName: 'Hélène',
      phone: '+33 7 11 22 33 44',
      phoneE164: '+33711223344',
      version: 2,
    });
    const [row] = await query<{ search_text: string }>(
      t.database,
      `select search_text from calls where id = '${call.id}'`,
    );
    expect(row?.search_text).toContain('helene martin');
    expect(row?.search_text).toContain('0711223344');
  });

  it('answers 412 on a stale If-Match and changes nothing', async () => {
    const call = await createCall(agent);
    expect((await agent.patch(`/calls/${call.id}`, { description: 'first' }, { 'if-match': '"1"' })).statusCode).toBe(
      200,
    );
    const stale = await agent.patch(`/calls/${call.id}`, { description: 'second' }, { 'if-match': 'W/"1"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(stale.headers.etag).toBe('W/"2"');
    const after = await getCall(agent, call.id);
    expect(after).toMatchObject({ description: 'first', version: 2 });
  });

  it('goes through without If-Match, and with If-Match: *', async () => {
    const call = await createCall(agent);
    expect((await agent.patch(`/calls/${call.id}`, { description: 'a' })).statusCode).toBe(200);
    expect((await agent.patch(`/calls/${call.id}`, { description: 'b' }, { 'if-match': '*' })).json()).toMatchObject({
      description: 'b',
      version: 3,
    });
  });

  it('refuses ownership and bookkeeping fields (mass assignment) and leaves the row as it was', async () => {
    const other = await createUser(t.database);
    const call = await createCall(agent);
    const before = await query(t.database, `select * from calls where id = '${call.id}'`);
    for (const body of [
      { userId: other.id },
      { user_id: other.id },
      { id: '00000000-0000-4000-8000-000000000000' },
      { version: 99 },
      { createdAt: '2020-01-01T00:00:00Z', description: 'x' },
      { attempts: 50 },
      { deletedAt: null },
    ]) {
      const res = await agent.patch(`/calls/${call.id}`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(await query(t.database, `select * from calls where id = '${call.id}'`)).toEqual(before);
  });

  it('refuses userId on create too; the call belongs to the caller', async () => {
    const other = await createUser(t.database);
    const res = await agent.post('/calls', { phone: '0612345678', userId: other.id });
    expect(res.statusCode).toBe(400);
    const [row] = await query<{ n: number | string }>(
      t.database,
      `select count(*) as n from calls where user_id = '${other.id}'`,
    );
    expect(Number(row?.n)).toBe(0);
  });

  it('gives an unreachable contact another go with unreachable: false', async () => {
    const call = await createCall(agent);
    await query(t.database, `update calls set unreachable = true, unanswered_streak = 5 where id = '${call.id}'`);
    const res = await agent.patch(`/calls/${call.id}`, { unreachable: false });
    expect(res.json<Call>()).toMatchObject({ unreachable: false, unansweredStreak: 0 });
  });
});
