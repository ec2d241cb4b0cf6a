import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';
import { insertCall, insertReminder, notificationsOf, updateSettings } from '../helpers/rows.ts';
import { JobRunner } from '../../src/jobs/runner.ts';
import { remindersPendingJob } from '../../src/jobs/reminders-pending.job.ts';
import { digestJob } from '../../src/jobs/digest.job.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-26T00:00:00Z' });
});
afterAll(() => t.close());

/** Ticks every `minutes` over [from, to): coarse ticks are enough, each run covers the time since the last. */
async function tickEvery(minutes: number, runner: JobRunner, from: string, to: string) {
  for (let at = new Date(from).getTime(); at < new Date(to).getTime(); at += minutes * 60_000)
    await runner.tick(new Date(at));
}

async function userIn(timezone: string) {
  const user = await createUser(t.database, { timezone });
  const call = await insertCall(t.database, user.id);
  // Overdue from the start: every working day has at least this one on its list.
  await insertReminder(t.database, call, '2026-03-20T10:00:00Z');
  return user;
}

describe("the day's list at each user's own 09:00, across the 2026-03-29 DST change", () => {
  it('reaches Paris at 08:00Z before the change and 07:00Z after, Honolulu at 19:00Z, on working days only', async () => {
    const paris = await userIn('Europe/Paris');
    const honolulu = await userIn('Pacific/Honolulu');
    const runner = new JobRunner(t.app, [remindersPendingJob]);
    // Thursday 26 March 00:00Z → Wednesday 1 April 00:00Z.
    await tickEvery(60, runner, '2026-03-26T00:00:00Z', '2026-04-01T00:00:00Z');

    const sent = async (userId: string) =>
      (await notificationsOf(t.database, userId))
        .filter((n) => n.type === 'reminders_pending')
        .map((n) => [n.dedupeKey, n.createdAt.toISOString()]);
    expect(await sent(paris.id)).toEqual([
      ['reminders_pending:2026-03-26', '2026-03-26T08:00:00.000Z'],
      ['reminders_pending:2026-03-27', '2026-03-27T08:00:00.000Z'],
      // Saturday 28 and Sunday 29 (the change, a 23-hour day) are not working days.
      ['reminders_pending:2026-03-30', '2026-03-30T07:00:00.000Z'],
      ['reminders_pending:2026-03-31', '2026-03-31T07:00:00.000Z'],
    ]);
    // Honolulu keeps UTC−10 all year: 09:00 there is 19:00Z the same date.
    expect(await sent(honolulu.id)).toEqual([
      ['reminders_pending:2026-03-26', '2026-03-26T19:00:00.000Z'],
      ['reminders_pending:2026-03-27', '2026-03-27T19:00:00.000Z'],
      ['reminders_pending:2026-03-30', '2026-03-30T19:00:00.000Z'],
      ['reminders_pending:2026-03-31', '2026-03-31T19:00:00.000Z'],
    ]);
  }, 120_000);

  it("follows each user's own work hours and days", async () => {
    const user = await userIn('Europe/Paris');
    await updateSettings(t.database, user.id, { workHours: { days: [6, 7], start: '10:30', end: '16:00' } });
    const runner = new JobRunner(t.app, [remindersPendingJob]);
    await tickEvery(30, runner, '2026-04-03T00:00:00Z', '2026-04-06T00:00:00Z');
    const rows = (await notificationsOf(t.database, user.id)).map((n) => n.createdAt.toISOString());
    // Saturday 4 and Sunday 5 April, 10:30 Paris summer time = 08:30Z.
    expect(rows).toEqual(['2026-04-04T08:30:00.000Z', '2026-04-05T08:30:00.000Z']);
  }, 120_000);

  it('says nothing to a user with no reminder due', async () => {
    const user = await createUser(t.database);
    const runner = new JobRunner(t.app, [remindersPendingJob]);
    await tickEvery(15, runner, '2026-04-07T07:00:00Z', '2026-04-07T09:00:00Z');
    expect(await notificationsOf(t.database, user.id)).toHaveLength(0);
  });
});

describe('digests on the local date', () => {
  it('reach a daily user in UTC−10 at their 09:00, dated by their own calendar', async () => {
    const user = await createUser(t.database, { timezone: 'Pacific/Honolulu' });
    await updateSettings(t.database, user.id, { notifFrequency: 'daily' });
    t.clock.set('2026-04-08T02:00:00Z'); // Tuesday 7 April 16:00 in Honolulu
    await t.app.notifications.notify(user.id, {
      text: { kind: 'call_logged', contactName: 'Kai', phone: '+1 808 555 0100', status: 'reached' },
      dedupeKey: 'call_logged:hnl',
      link: null,
    });
    const runner = new JobRunner(t.app, [digestJob]);
    await tickEvery(60, runner, '2026-04-08T03:00:00Z', '2026-04-09T00:00:00Z');
    const digest = (await notificationsOf(t.database, user.id)).filter((n) => n.type === 'digest');
    // Wednesday 8 April 09:00 HST = 19:00Z; at 07:00Z (a Paris morning) it is still the 7th there.
    expect(digest.map((n) => [n.dedupeKey, n.createdAt.toISOString()])).toEqual([
      ['digest:2026-04-08', '2026-04-08T19:00:00.000Z'],
    ]);
  });
});
