import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TodayReport } from '@ct/contracts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';
import { signedIn, type Agent } from '../helpers/client.ts';
import { insertAttempt, insertCall, insertReminder, updateSettings } from '../helpers/rows.ts';
import { NOW, seedReportFixture } from './fixture.ts';

let t: TestContext;
let agent: Agent;
let fixture: Awaited<ReturnType<typeof seedReportFixture>>;
beforeAll(async () => {
  t = await createTestApp({ now: NOW });
  fixture = await seedReportFixture(t.database);
  // Around the local midnights of today (31 March, UTC+2): 23:59 yesterday and 00:00 today.
  await insertAttempt(t.database, fixture.calls.bob, 'no_answer', '2026-03-30T21:59:00Z');
  await insertAttempt(t.database, fixture.calls.bob, 'reached', '2026-03-30T22:00:00Z', 'Rappel demain');
  agent = await signedIn(t.app, fixture.user);
});
afterAll(() => t.close());

async function today(who = agent): Promise<TodayReport> {
  const res = await who.get('/reports/today');
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as TodayReport;
}

describe('GET /reports/today', () => {
  it("lists today's attempts in the user's zone, newest first, with their call", async () => {
    const report = await today();
    expect(report.date).toBe('2026-03-31');
    expect(report.attempts.map((a) => [a.occurredAt, a.status, a.call.firstName])).toEqual([
      ['2026-03-31T06:30:00.000Z', 'wrong_number', 'Eve'],
      ['2026-03-30T22:00:00.000Z', 'reached', 'Bob'],
    ]);
    expect(report.attempts[1]).toMatchObject({
      note: 'Rappel demain',
      call: {
        id: fixture.calls.bob.id,
        lastName: 'Bernard',
        phone: '06 71 28 45 93',
        phoneFlagged: false,
        type: 'prospecting',
      },
    });
  });

  it('counts every outcome of the day, zeros included', async () => {
    const report = await today();
    expect(report.counts).toEqual({
      to_call: 0,
      no_answer: 0,
      voicemail: 0,
      callback: 0,
      reached: 1,
      not_interested: 0,
      wrong_number: 1,
      done: 0,
    });
  });

  it("lists today's open reminders with the overdue ones, by time, not tomorrow's, done or deleted ones", async () => {
    const { r3, r4, r5, r8 } = fixture.reminders;
    const report = await today();
    expect(report.reminders.map((r) => [r.id, r.overdue])).toEqual([
      [r3.id, true],
      [r4.id, true],
      [r5.id, false],
      [r8.id, false],
    ]);
    expect(report.reminders[1]!.call).toMatchObject({ firstName: 'Carl', phoneFlagged: true });
  });

  it('orders reminders by priority when the user prefers it', async () => {
    const { r3, r4, r5, r8 } = fixture.reminders;
    await updateSettings(t.database, fixture.user.id, { remindersOrder: 'priority' });
    const report = await today();
    await updateSettings(t.database, fixture.user.id, { remindersOrder: 'time' });
    expect(report.reminders.map((r) => r.id)).toEqual([r5.id, r3.id, r4.id, r8.id]);
  });

  it("shows nothing of another user's day", async () => {
    const report = await today(await signedIn(t.app, fixture.other));
    expect(report.attempts.map((a) => a.call.firstName)).toEqual(['Zoé']);
    expect(report.reminders.map((r) => r.call.firstName)).toEqual(['Zoé']);
  });

  it("uses the user's own day: in Honolulu, 31 March started at 10:00Z", async () => {
    const user = await createUser(t.database, { timezone: 'Pacific/Honolulu' });
    const call = await insertCall(t.database, user.id);
    await insertAttempt(t.database, call, 'no_answer', '2026-03-31T09:59:00Z'); // 30 March 23:59 there
    await insertAttempt(t.database, call, 'voicemail', '2026-03-31T10:00:00Z'); // 31 March 00:00 there
    await insertReminder(t.database, call, '2026-04-01T09:59:00Z'); // 31 March 23:59 there
    await insertReminder(t.database, call, '2026-04-01T10:00:00Z'); // 1 April there
    const report = await today(await signedIn(t.app, user));
    expect(report.date).toBe('2026-03-31');
    expect(report.attempts.map((a) => a.status)).toEqual(['voicemail']);
    expect(report.reminders.map((r) => r.scheduledAt)).toEqual(['2026-04-01T09:59:00.000Z']);
  });
});
