import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Settings } from '@ct/contracts';
import { reminders } from '@ct/db';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';
import { insertCall, insertReminder, notificationsOf, updateProfile, updateSettings } from '../helpers/rows.ts';
import { JobRunner } from '../../src/jobs/runner.ts';
import { reminderDueJob } from '../../src/jobs/reminder-due.job.ts';
import { remindersPendingJob } from '../../src/jobs/reminders-pending.job.ts';

let t: TestContext;
let due: JobRunner;
let pending: JobRunner;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-02T06:00:00Z' });
  due = new JobRunner(t.app, [reminderDueJob]);
  pending = new JobRunner(t.app, [remindersPendingJob]);
});
afterAll(() => t.close());

/** Each test lives on its own day (March 2026, Paris is UTC+1): `day(3, '09:45')` is 3 March 09:45Z. */
const day = (d: number, hm: string) => new Date(`2026-03-${String(d).padStart(2, '0')}T${hm}:00Z`);

async function userWith(settings: Partial<Settings> = {}) {
  const user = await createUser(t.database);
  if (Object.keys(settings).length) await updateSettings(t.database, user.id, settings);
  const call = await insertCall(t.database, user.id, {
    firstName: 'Hélène',
    lastName: 'Dupré',
    phone: '06 23 45 87 91',
  });
  return { user, call };
}

const kinds = async (userId: string) => (await notificationsOf(t.database, userId)).map((n) => n.type);

describe('reminder_due (notifReminder, preReminderDelay; urgent always)', () => {
  it('is created preReminderDelay minutes before the reminder is due, not earlier, and once', async () => {
    const { user, call } = await userWith();
    const reminder = await insertReminder(t.database, call, day(2, '10:00'), { note: 'Rappeler pour le devis' });
    await due.tick(day(2, '09:44'));
    expect(await kinds(user.id)).toEqual([]);
    await due.tick(day(2, '09:45'));
    await due.tick(day(2, '09:46'));
    await due.tick(day(2, '10:01'));
    const rows = await notificationsOf(t.database, user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      type: 'reminder_due',
      title: 'Rappel à 11:00 : Hélène Dupré',
      body: 'Hélène Dupré — 06 23 45 87 91\nRappeler pour le devis',
      link: `/calls?open=${call.id}`,
      meta: { reminderId: reminder.id, callId: call.id, scheduledAt: '2026-03-02T10:00:00.000Z', priority: 'normal' },
    });
    expect(rows[0]!.createdAt.toISOString()).toBe('2026-03-02T09:45:00.000Z');
  });

  it("follows the user's own delay, and writes the time in their language and format", async () => {
    const { user, call } = await userWith({ preReminderDelay: 60 });
    await updateProfile(t.database, user.id, { language: 'en', timeFormat: '12h' });
    await insertReminder(t.database, call, day(3, '14:30'));
    await due.tick(day(3, '13:29'));
    expect(await kinds(user.id)).toEqual([]);
    await due.tick(day(3, '13:30'));
    const [row] = await notificationsOf(t.database, user.id);
    expect(row?.title).toBe('Callback at 3:30 PM: Hélène Dupré');
  });

  it('is not created when notifReminder is off, or notifications are off', async () => {
    const a = await userWith({ notifReminder: false });
    const b = await userWith({ enableNotifications: false });
    await insertReminder(t.database, a.call, day(4, '10:00'));
    await insertReminder(t.database, b.call, day(4, '10:00'));
    await due.tick(day(4, '09:45'));
    await due.tick(day(4, '10:00'));
    expect(await kinds(a.user.id)).toEqual([]);
    expect(await kinds(b.user.id)).toEqual([]);
  });

  it('is always created and pushed for an urgent reminder, whatever the toggles and frequency', async () => {
    const off = await userWith({ notifReminder: false, enableNotifications: false });
    const daily = await userWith({ notifFrequency: 'daily' });
    await insertReminder(t.database, off.call, day(5, '10:00'), { priority: 'urgent' });
    await insertReminder(t.database, daily.call, day(5, '10:00'), { priority: 'urgent' });
    await due.tick(day(5, '09:45'));
    for (const { user } of [off, daily]) {
      const rows = await notificationsOf(t.database, user.id);
      expect(rows.map((n) => [n.type, n.title, n.meta.delivery])).toEqual([
        ['reminder_due', 'URGENT · Rappel à 11:00 : Hélène Dupré', undefined],
      ]);
    }
  });

  it('is held for the digest when the user wants a daily or weekly one (not urgent)', async () => {
    const { user, call } = await userWith({ notifFrequency: 'weekly' });
    await insertReminder(t.database, call, day(6, '10:00'));
    await due.tick(day(6, '09:45'));
    const rows = await notificationsOf(t.database, user.id);
    expect(rows.map((n) => [n.type, n.meta.delivery])).toEqual([['reminder_due', 'digest']]);
  });

  it('is not created for a done reminder or one on a deleted call', async () => {
    const { user, call } = await userWith();
    const deleted = await insertCall(t.database, user.id, { deletedAt: day(9, '08:00') });
    await insertReminder(t.database, call, day(9, '10:00'), { done: true, doneAt: day(9, '09:00') });
    await insertReminder(t.database, deleted, day(9, '10:00'));
    await due.tick(day(9, '09:45'));
    expect(await kinds(user.id)).toEqual([]);
  });

  it('is created at the next tick for a reminder made inside its delay, and again when rescheduled', async () => {
    const { user, call } = await userWith();
    await due.tick(day(10, '09:50'));
    const reminder = await insertReminder(t.database, call, day(10, '10:00'));
    await due.tick(day(10, '09:51'));
    expect(await kinds(user.id)).toEqual(['reminder_due']);
    // Snoozed to 11:00: due anew at 10:45, once.
    await t.database.db
      .update(reminders)
      .set({ scheduledAt: day(10, '11:00') })
      .where(eq(reminders.id, reminder.id));
    await due.tick(day(10, '10:30'));
    expect(await kinds(user.id)).toEqual(['reminder_due']);
    await due.tick(day(10, '10:45'));
    await due.tick(day(10, '10:46'));
    const rows = await notificationsOf(t.database, user.id);
    expect(rows.map((n) => n.meta.scheduledAt)).toEqual(['2026-03-10T10:00:00.000Z', '2026-03-10T11:00:00.000Z']);
  });
});

describe('reminders_pending (notifReminder)', () => {
  it("gives the day's count, overdue included, at the start of work", async () => {
    const { user, call } = await userWith();
    await insertReminder(t.database, call, day(5, '10:00')); // overdue
    await insertReminder(t.database, call, day(11, '13:00')); // today
    await insertReminder(t.database, call, day(11, '22:59')); // today, 23:59 Paris
    await insertReminder(t.database, call, day(11, '23:00')); // tomorrow in Paris
    await insertReminder(t.database, call, day(11, '14:00'), { done: true });
    await pending.tick(day(11, '08:00'));
    const rows = await notificationsOf(t.database, user.id);
    expect(rows.map((n) => [n.type, n.title, n.body, n.link])).toEqual([
      [
        'reminders_pending',
        "3 rappels à faire aujourd'hui",
        'Dont 1 en retard. Votre liste du jour est prête.',
        '/reminders',
      ],
    ]);
    expect(rows[0]!.meta).toEqual({ date: '2026-03-11', count: 3, overdue: 1 });
  });

  it('is not created when notifReminder is off, or notifications are off', async () => {
    const a = await userWith({ notifReminder: false });
    const b = await userWith({ enableNotifications: false });
    await insertReminder(t.database, a.call, day(12, '13:00'));
    await insertReminder(t.database, b.call, day(12, '13:00'));
    await pending.tick(day(12, '08:00'));
    expect(await kinds(a.user.id)).toEqual([]);
    expect(await kinds(b.user.id)).toEqual([]);
  });

  it('is pushed, not held, for a daily-digest user (it is already a daily list)', async () => {
    const { user, call } = await userWith({ notifFrequency: 'daily' });
    await insertReminder(t.database, call, day(13, '13:00'));
    await pending.tick(day(13, '08:00'));
    const rows = await notificationsOf(t.database, user.id);
    expect(rows.map((n) => [n.type, n.meta.delivery])).toEqual([['reminders_pending', undefined]]);
  });
});
