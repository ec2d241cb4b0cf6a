import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Call, CallDetail, Reminder } from '@ct/contracts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';
import { signedIn, type Agent } from '../helpers/client.ts';
import { createCall, createReminder, getCall, query, setSettings } from '../calls/fixtures.ts';

let t: TestContext;
let agent: Agent;
let userId: string;
// Tuesday 24 March 2026, 11:00 Paris.
const NOW = '2026-03-24T10:00:00Z';

beforeAll(async () => {
  t = await createTestApp({ now: NOW });
  const user = await createUser(t.database);
  userId = user.id;
  agent = await signedIn(t.app, user);
});
afterAll(() => t.close());

async function at(iso: string) {
  t.clock.set(iso);
  await agent.login();
}

async function patch(id: string, body: Record<string, unknown>, headers?: Record<string, string>): Promise<Reminder> {
  const res = await agent.patch(`/reminders/${id}`, body, headers);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Reminder>();
}

describe('POST /reminders', () => {
  it("creates a reminder on the caller's call, recording the call's status, and syncs next_reminder_at", async () => {
    await at(NOW);
    const call = await createCall(agent);
    await agent.patch(`/calls/${call.id}`, { status: 'voicemail' });
    const later = await createReminder(agent, {
      callId: call.id,
      scheduledAt: '2026-03-27T09:00:00Z',
      priority: 'high',
      note: 'Relancer',
    });
    expect(later).toMatchObject({
      callId: call.id,
      previousStatus: 'voicemail',
      priority: 'high',
      note: 'Relancer',
      done: false,
      overdue: false,
      rescheduleCount: 0,
      version: 1,
    });
    expect((await getCall(agent, call.id)).nextReminderAt).toBe('2026-03-27T09:00:00.000Z');
    await createReminder(agent, { callId: call.id, scheduledAt: '2026-03-25T09:00:00Z' });
    expect((await getCall(agent, call.id)).nextReminderAt).toBe('2026-03-25T09:00:00.000Z');
  });
});

describe('GET /reminders/:id', () => {
  it('answers the reminder with its ETag', async () => {
    await at(NOW);
    const call = await createCall(agent);
    const reminder = await createReminder(agent, { callId: call.id, scheduledAt: '2026-03-25T09:00:00Z' });
    const res = await agent.get(`/reminders/${reminder.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('W/"1"');
    expect(res.json()).toMatchObject({ id: reminder.id, call: { id: call.id } });
  });
});

describe('PATCH /reminders/:id', () => {
  it("marking done logs an attempt with the user's default status after call", async () => {
    await at(NOW);
    await setSettings(t.database, userId, `default_status_after_call = 'reached'`);
    const call = await createCall(agent);
    const reminder = await createReminder(agent, {
      callId: call.id,
      scheduledAt: '2026-03-24T09:30:00Z',
      allowPast: true,
    });
    const done = await patch(reminder.id, { done: true, note: 'Rappel fait' });
    expect(done).toMatchObject({
      done: true,
      doneAt: '2026-03-24T10:00:00.000Z',
      overdue: false,
      note: '',
      version: 2,
      call: { status: 'reached' },
    });
    const detail = await getCall(agent, call.id);
    expect(detail).toMatchObject({
      status: 'reached',
      attempts: 1,
      lastCallAt: '2026-03-24T10:00:00.000Z',
      nextReminderAt: null,
      openReminders: [],
    });
    expect(detail.history).toMatchObject([{ status: 'reached', note: 'Rappel fait', createdBy: userId }]);
  });

  it('marking done with another status logs that one (and no_answer places the next callback)', async () => {
    await at(NOW);
    const call = await createCall(agent);
    const reminder = await createReminder(agent, { callId: call.id, scheduledAt: '2026-03-24T11:00:00Z' });
    await patch(reminder.id, { done: true, status: 'no_answer' });
    const detail = await getCall(agent, call.id);
    expect(detail.history.map((h) => h.status)).toEqual(['no_answer']);
    expect(detail.openReminders.map((r) => r.scheduledAt)).toEqual(['2026-03-25T09:00:00.000Z']);
    expect(detail.nextReminderAt).toBe('2026-03-25T09:00:00.000Z');
  });

  it('marking done twice logs once; done: false reopens', async () => {
    await at(NOW);
    const call = await createCall(agent);
    const reminder = await createReminder(agent, { callId: call.id, scheduledAt: '2026-03-24T11:00:00Z' });
    await patch(reminder.id, { done: true, status: 'to_call' });
    await patch(reminder.id, { done: true, status: 'to_call' });
    expect((await getCall(agent, call.id)).attempts).toBe(1);
    const reopened = await patch(reminder.id, { done: false });
    expect(reopened).toMatchObject({ done: false, doneAt: null });
    expect((await getCall(agent, call.id)).nextReminderAt).toBe('2026-03-24T11:00:00.000Z');
  });

  it('reschedules with a reason, counting reschedules, and changes priority and note', async () => {
    await at(NOW);
    const call = await createCall(agent);
    const reminder = await createReminder(agent, { callId: call.id, scheduledAt: '2026-03-24T11:00:00Z' });
    const first = await patch(reminder.id, { scheduledAt: '2026-03-26T14:00:00Z', reason: 'Client en réunion' });
    expect(first).toMatchObject({
      scheduledAt: '2026-03-26T14:00:00.000Z',
      rescheduleCount: 1,
      rescheduleReason: 'Client en réunion',
    });
    const second = await patch(reminder.id, {
      scheduledAt: '2026-03-27T14:00:00Z',
      priority: 'urgent',
      note: 'Avant midi',
    });
    expect(second).toMatchObject({
      rescheduleCount: 2,
      rescheduleReason: null,
      priority: 'urgent',
      note: 'Avant midi',
      version: 3,
    });
    expect((await getCall(agent, call.id)).nextReminderAt).toBe('2026-03-27T14:00:00.000Z');
  });

  it('answers 412 on a stale If-Match and changes nothing', async () => {
    await at(NOW);
    const call = await createCall(agent);
    const reminder = await createReminder(agent, { callId: call.id, scheduledAt: '2026-03-24T11:00:00Z' });
    await patch(reminder.id, { priority: 'high' }, { 'if-match': 'W/"1"' });
    const stale = await agent.patch(`/reminders/${reminder.id}`, { done: true }, { 'if-match': 'W/"1"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.headers.etag).toBe('W/"2"');
    expect(await getCall(agent, call.id)).toMatchObject({ attempts: 0, history: [] });
    expect((await agent.get(`/reminders/${reminder.id}`)).json()).toMatchObject({
      done: false,
      version: 2,
      priority: 'high',
    });
    expect(
      (await agent.post(`/reminders/${reminder.id}/snooze`, { preset: '1h' }, { 'if-match': '"1"' })).statusCode,
    ).toBe(412);
    expect((await agent.delete(`/reminders/${reminder.id}`, { 'if-match': '"1"' })).statusCode).toBe(412);
    expect((await agent.get(`/reminders/${reminder.id}`)).json()).toMatchObject({
      scheduledAt: '2026-03-24T11:00:00.000Z',
      version: 2,
    });
  });
});

describe('POST /reminders/:id/snooze', () => {
  const cases: [string, string, string][] = [
    // [now, preset, expected]
    ['2026-03-24T10:00:00Z', '10m', '2026-03-24T10:10:00.000Z'],
    ['2026-03-24T10:00:00Z', '1h', '2026-03-24T11:00:00.000Z'],
    ['2026-03-24T10:00:00Z', 'tomorrow', '2026-03-25T09:00:00.000Z'], // Wednesday 10:00 Paris
    ['2026-03-27T10:00:00Z', 'tomorrow', '2026-03-28T09:00:00.000Z'], // Saturday 10:00 Paris (winter)
    ['2026-03-28T10:00:00Z', 'tomorrow', '2026-03-29T08:00:00.000Z'], // Sunday 10:00 Paris, after the DST change
    ['2026-03-24T10:00:00Z', 'next_working_day', '2026-03-25T09:00:00.000Z'],
    ['2026-03-27T10:00:00Z', 'next_working_day', '2026-03-30T08:00:00.000Z'], // Friday → Monday, summer time
  ];
  for (const [now, preset, expected] of cases) {
    it(`${preset} at ${now} moves the reminder to ${expected}`, async () => {
      await at(now);
      const call = await createCall(agent);
      const reminder = await createReminder(agent, { callId: call.id, scheduledAt: now });
      const res = await agent.post(`/reminders/${reminder.id}/snooze`, { preset });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        scheduledAt: expected,
        rescheduleCount: 1,
        rescheduleReason: `snooze:${preset}`,
        version: 2,
      });
      expect(res.headers.etag).toBe('W/"2"');
      expect((await getCall(agent, call.id)).nextReminderAt).toBe(expected);
    });
  }

  it('answers 409 for a done reminder', async () => {
    await at(NOW);
    const call = await createCall(agent);
    const reminder = await createReminder(agent, { callId: call.id, scheduledAt: '2026-03-24T11:00:00Z' });
    await patch(reminder.id, { done: true, status: 'to_call' });
    expect((await agent.post(`/reminders/${reminder.id}/snooze`, { preset: '1h' })).statusCode).toBe(409);
  });
});

describe('DELETE /reminders/:id', () => {
  it('deletes the reminder, audits it and moves next_reminder_at to the next open one', async () => {
    await at(NOW);
    const call = await createCall(agent);
    const first = await createReminder(agent, { callId: call.id, scheduledAt: '2026-03-25T09:00:00Z' });
    await createReminder(agent, { callId: call.id, scheduledAt: '2026-03-26T09:00:00Z' });
    const res = await agent.delete(`/reminders/${first.id}`, { 'if-match': 'W/"1"' });
    expect(res.statusCode).toBe(204);
    expect((await agent.get(`/reminders/${first.id}`)).statusCode).toBe(404);
    const detail: CallDetail = await getCall(agent, call.id);
    expect(detail.nextReminderAt).toBe('2026-03-26T09:00:00.000Z');
    expect(
      await query(
        t.database,
        `select 1 from audits where action = 'sensitive_delete' and target_type = 'reminder' and target_id = '${first.id}'`,
      ),
    ).toHaveLength(1);
    const after: Call = detail;
    expect(after.version).toBe(1);
  });
});
