import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvents } from '../../src/lib/events.ts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';
import { signedIn, type Agent } from '../helpers/client.ts';
import { createCall, createReminder, getCall, logAttempt, query, setSettings } from './fixtures.ts';

let t: TestContext;
let agent: Agent;
let userId: string;
const events: { name: string; payload: unknown }[] = [];

// Tuesday 24 March 2026, 11:00 in Paris (UTC+1 until the 29th).
const TUESDAY = '2026-03-24T10:00:00Z';

beforeAll(async () => {
  t = await createTestApp({ now: TUESDAY });
  const user = await createUser(t.database);
  userId = user.id;
  agent = await signedIn(t.app, user);
  for (const name of ['call.logged', 'call.wrong_number', 'reminder.created', 'reminder.updated'] as const) {
    t.app.events.on(name, (payload: DomainEvents[typeof name]) => void events.push({ name, payload }));
  }
});
afterAll(() => t.close());

/** Moves the clock and signs in again (the access token lives 15 minutes on that clock). */
async function at(iso: string, who: Agent = agent) {
  t.clock.set(iso);
  await who.login();
}

describe('POST /calls/:id/log', () => {
  it('appends history, sets status and last call, counts the attempt and places the callback next working day at the default slot', async () => {
    await at(TUESDAY);
    const call = await createCall(agent);
    const result = await logAttempt(agent, call.id, { status: 'no_answer', note: 'Sonne dans le vide' });
    expect(result.call).toMatchObject({
      status: 'no_answer',
      lastCallAt: TUESDAY.replace('Z', '.000Z'),
      attempts: 1,
      unansweredStreak: 1,
      version: 2,
    });
    expect(result.entry).toMatchObject({
      status: 'no_answer',
      note: 'Sonne dans le vide',
      occurredAt: '2026-03-24T10:00:00.000Z',
      createdBy: userId,
    });
    // Wednesday 10:00 Paris = 09:00Z (winter time).
    expect(result.reminder).toMatchObject({
      scheduledAt: '2026-03-25T09:00:00.000Z',
      previousStatus: 'no_answer',
      priority: 'normal',
      done: false,
      callId: call.id,
    });
    expect(result.call.nextReminderAt).toBe('2026-03-25T09:00:00.000Z');
    const detail = await getCall(agent, call.id);
    expect(detail.history.map((h) => h.id)).toEqual([result.entry.id]);
    expect(detail.openReminders.map((r) => r.id)).toEqual([result.reminder?.id]);
  });

  it('skips the weekend and follows the 2026-03-29 DST change (Friday → Monday 10:00 Paris = 08:00Z)', async () => {
    await at('2026-03-27T16:30:00Z'); // Friday 17:30 Paris
    const call = await createCall(agent);
    const result = await logAttempt(agent, call.id, { status: 'voicemail' });
    expect(result.reminder?.scheduledAt).toBe('2026-03-30T08:00:00.000Z');
  });

  it('after work hours on Friday, lands on Monday; a slot outside work hours moves to their start', async () => {
    await setSettings(t.database, userId, `default_reminder_slot = '20:00'`);
    await at('2026-03-27T19:00:00Z'); // Friday 20:00 Paris
    const call = await createCall(agent);
    const result = await logAttempt(agent, call.id, { status: 'callback' });
    await setSettings(t.database, userId, `default_reminder_slot = '10:00'`);
    expect(result.reminder?.scheduledAt).toBe('2026-03-30T07:00:00.000Z'); // Monday 09:00 Paris (summer time)
  });

  it("uses the user's own time zone and work days", async () => {
    const user = await createUser(t.database, { timezone: 'America/New_York' });
    await setSettings(t.database, user.id, `work_hours = '{"days":[1,2,3,4],"start":"08:00","end":"16:00"}'`);
    const ny = await signedIn(t.app, user);
    await at('2026-03-26T15:00:00Z', ny); // Thursday 11:00 New York (UTC-4)
    const call = await createCall(ny);
    const result = await logAttempt(ny, call.id, { status: 'no_answer' });
    expect(result.reminder?.scheduledAt).toBe('2026-03-30T14:00:00.000Z'); // Monday 10:00 New York
  });

  it('creates the explicit reminder instead, with its priority, and settles the previous open ones', async () => {
    await at(TUESDAY);
    const call = await createCall(agent);
    const first = await logAttempt(agent, call.id, { status: 'no_answer' });
    const second = await logAttempt(agent, call.id, {
      status: 'callback',
      reminder: { scheduledAt: '2026-03-24T15:30:00Z', priority: 'urgent', note: 'après 16h' },
    });
    expect(second.reminder).toMatchObject({
      scheduledAt: '2026-03-24T15:30:00.000Z',
      priority: 'urgent',
      note: 'après 16h',
      previousStatus: 'callback',
    });
    const detail = await getCall(agent, call.id);
    expect(detail.openReminders.map((r) => r.id)).toEqual([second.reminder?.id]);
    expect(detail.nextReminderAt).toBe('2026-03-24T15:30:00.000Z');
    const [old] = await query<{ done: boolean }>(
      t.database,
      `select done from reminders where id = '${first.reminder?.id}'`,
    );
    expect(old?.done).toBe(true);
  });

  it('refuses an explicit reminder in the past unless allowPast is set, writing nothing', async () => {
    await at(TUESDAY);
    const call = await createCall(agent);
    const past = { status: 'callback', reminder: { scheduledAt: '2026-03-23T09:00:00Z', priority: 'high' } };
    const res = await agent.post(`/calls/${call.id}/log`, past);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('reminder.scheduledAt');
    expect((await getCall(agent, call.id)).history).toHaveLength(0);
    const ok = await logAttempt(agent, call.id, { ...past, reminder: { ...past.reminder, allowPast: true } });
    expect(ok.reminder).toMatchObject({ scheduledAt: '2026-03-23T09:00:00.000Z', overdue: true });
  });

  it('back-dates with occurredAt (last call stays the latest) and refuses a future one', async () => {
    await at(TUESDAY);
    const call = await createCall(agent);
    await logAttempt(agent, call.id, { status: 'reached' });
    const older = await logAttempt(agent, call.id, { status: 'reached', occurredAt: '2026-03-20T09:00:00Z' });
    expect(older.call.lastCallAt).toBe('2026-03-24T10:00:00.000Z');
    expect((await getCall(agent, call.id)).history.map((h) => h.occurredAt)).toEqual([
      '2026-03-24T10:00:00.000Z',
      '2026-03-20T09:00:00.000Z',
    ]);
    const future = await agent.post(`/calls/${call.id}/log`, { status: 'reached', occurredAt: '2026-03-24T12:00:00Z' });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0].path).toBe('occurredAt');
  });

  it('marks the call unreachable after maxAttempts unanswered in a row and places no more reminders', async () => {
    await at(TUESDAY);
    await setSettings(t.database, userId, 'max_attempts = 3');
    const call = await createCall(agent);
    await logAttempt(agent, call.id, { status: 'no_answer' });
    await logAttempt(agent, call.id, { status: 'voicemail' });
    const third = await logAttempt(agent, call.id, { status: 'no_answer' });
    expect(third.call).toMatchObject({
      unreachable: true,
      unansweredStreak: 3,
      attempts: 3,
      status: 'no_answer',
      nextReminderAt: null,
    });
    expect(third.reminder).toBeNull();
    expect((await getCall(agent, call.id)).openReminders).toEqual([]);
    // A further unanswered attempt keeps it unreachable; an explicit reminder is still honoured.
    const fourth = await logAttempt(agent, call.id, {
      status: 'no_answer',
      reminder: { scheduledAt: '2026-04-01T08:00:00Z' },
    });
    expect(fourth.call.unreachable).toBe(true);
    expect(fourth.reminder?.scheduledAt).toBe('2026-04-01T08:00:00.000Z');
    // Reaching the contact makes it reachable again.
    const reached = await logAttempt(agent, call.id, { status: 'reached' });
    expect(reached.call).toMatchObject({ unreachable: false, unansweredStreak: 0, attempts: 5 });
    await setSettings(t.database, userId, 'max_attempts = 5');
  });

  it('closes the open reminders on a closing status and places none', async () => {
    await at(TUESDAY);
    for (const status of ['reached', 'not_interested', 'done', 'wrong_number'] as const) {
      const call = await createCall(agent);
      const extra = await createReminder(agent, { callId: call.id, scheduledAt: '2026-04-02T09:00:00Z' });
      await logAttempt(agent, call.id, { status: 'no_answer' });
      const closed = await logAttempt(agent, call.id, { status });
      expect(closed.reminder, status).toBeNull();
      expect(closed.call.nextReminderAt, status).toBeNull();
      const [row] = await query<{ done: boolean; done_at: Date | string | null }>(
        t.database,
        `select done, done_at from reminders where id = '${extra.id}'`,
      );
      expect(row?.done, status).toBe(true);
    }
  });

  it('flags a wrong number and emits call.wrong_number after commit', async () => {
    await at(TUESDAY);
    events.length = 0;
    const call = await createCall(agent, { firstName: 'Jean', lastName: 'Valjean', phone: '0611223344' });
    const result = await logAttempt(agent, call.id, { status: 'wrong_number', note: 'Personne inconnue' });
    expect(result.call).toMatchObject({
      phoneFlagged: true,
      phoneFlagReason: 'logged_wrong_number',
      status: 'wrong_number',
    });
    expect(events.map((e) => e.name)).toEqual(['call.logged', 'call.wrong_number']);
    expect(events[0]?.payload).toMatchObject({
      userId,
      callId: call.id,
      historyId: result.entry.id,
      status: 'wrong_number',
      contactName: 'Jean Valjean',
      phone: '06 11 22 33 44',
      reminderId: null,
    });
    expect(events[1]?.payload).toMatchObject({
      userId,
      callId: call.id,
      contactName: 'Jean Valjean',
      reason: 'logged_wrong_number',
    });
  });

  it('emits call.logged and reminder.created for a callback', async () => {
    await at(TUESDAY);
    const call = await createCall(agent);
    events.length = 0;
    const result = await logAttempt(agent, call.id, { status: 'callback' });
    expect(events.map((e) => e.name)).toEqual(['call.logged', 'reminder.created']);
    expect(events[1]?.payload).toMatchObject({
      userId,
      reminderId: result.reminder?.id,
      callId: call.id,
      scheduledAt: new Date('2026-03-25T09:00:00Z'),
    });
  });

  it('is one transaction: a failure half-way leaves no history, no reminder and the call unchanged', async () => {
    await at(TUESDAY);
    const call = await createCall(agent);
    await query(
      t.database,
      `create function fail_reminder() returns trigger language plpgsql as $$ begin raise exception 'boom'; end $$`,
    );
    await query(
      t.database,
      `create trigger fail_reminder before insert on reminders for each row execute function fail_reminder()`,
    );
    try {
      const res = await agent.post(`/calls/${call.id}/log`, { status: 'no_answer' });
      expect(res.statusCode).toBe(500);
    } finally {
      await query(t.database, 'drop trigger fail_reminder on reminders');
      await query(t.database, 'drop function fail_reminder');
    }
    const detail = await getCall(agent, call.id);
    expect(detail).toMatchObject({ status: 'to_call', attempts: 0, version: 1, history: [], openReminders: [] });
  });

  it('answers 412 on a stale If-Match and logs nothing', async () => {
    await at(TUESDAY);
    const call = await createCall(agent);
    await agent.patch(`/calls/${call.id}`, { description: 'changed' });
    const res = await agent.post(`/calls/${call.id}/log`, { status: 'reached' }, { 'if-match': 'W/"1"' });
    expect(res.statusCode).toBe(412);
    expect((await getCall(agent, call.id)).history).toHaveLength(0);
  });
});
