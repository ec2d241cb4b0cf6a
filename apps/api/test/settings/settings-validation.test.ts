import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@ct/contracts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';
import { signedIn, type Agent } from '../helpers/client.ts';

let t: TestContext;
let agent: Agent;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-02T10:00:00Z' });
  agent = await signedIn(t.app, await createUser(t.database));
});
afterAll(() => t.close());

const hours = DEFAULT_SETTINGS.workHours;

/** Each invalid value, with the path the 400 must name. */
const cases: [string, Record<string, unknown>, string][] = [
  [
    'work hours that end before they start',
    { workHours: { ...hours, start: '18:00', end: '09:00' } },
    'body.workHours.end',
  ],
  [
    'work hours that start and end together',
    { workHours: { ...hours, start: '09:00', end: '09:00' } },
    'body.workHours.end',
  ],
  ['a start that is not HH:mm', { workHours: { ...hours, start: '9h' } }, 'body.workHours.start'],
  ['an hour past 23', { workHours: { ...hours, end: '24:00' } }, 'body.workHours.end'],
  ['a weekday 0', { workHours: { ...hours, days: [0, 1] } }, 'body.workHours.days.0'],
  ['a weekday 8', { workHours: { ...hours, days: [1, 8] } }, 'body.workHours.days.1'],
  ['no working day', { workHours: { ...hours, days: [] } }, 'body.workHours.days'],
  ['a repeated weekday', { workHours: { ...hours, days: [1, 1, 2] } }, 'body.workHours.days'],
  ['work hours without days', { workHours: { start: '09:00', end: '18:00' } }, 'body.workHours.days'],
  ['a reminder slot that is not a time', { defaultReminderSlot: '25:00' }, 'body.defaultReminderSlot'],
  ['an unknown status after a call', { defaultStatusAfterCall: 'maybe' }, 'body.defaultStatusAfterCall'],
  ['a non-boolean confirm flag', { confirmBeforeDelete: 'yes' }, 'body.confirmBeforeDelete'],
  ['an unknown reminders order', { remindersOrder: 'alphabetical' }, 'body.remindersOrder'],
  ['a negative pre-reminder delay', { preReminderDelay: -5 }, 'body.preReminderDelay'],
  ['a pre-reminder delay over a day', { preReminderDelay: 1441 }, 'body.preReminderDelay'],
  ['a fractional pre-reminder delay', { preReminderDelay: 2.5 }, 'body.preReminderDelay'],
  ['zero max attempts', { maxAttempts: 0 }, 'body.maxAttempts'],
  ['more than 50 max attempts', { maxAttempts: 51 }, 'body.maxAttempts'],
  ['a lowercase region', { phoneRegion: 'fr' }, 'body.phoneRegion'],
  ['an unknown region', { phoneRegion: 'ZZ' }, 'body.phoneRegion'],
  ['a non-boolean enableReminders', { enableReminders: 1 }, 'body.enableReminders'],
  ['a non-boolean enableNotifications', { enableNotifications: 'true' }, 'body.enableNotifications'],
  ['a non-boolean notifReminder', { notifReminder: null }, 'body.notifReminder'],
  ['a non-boolean notifCalls', { notifCalls: 0 }, 'body.notifCalls'],
  ['a non-boolean notifFraud', { notifFraud: 'no' }, 'body.notifFraud'],
  ['an unknown notification frequency', { notifFrequency: 'hourly' }, 'body.notifFrequency'],
  ['a non-boolean urgentHighlight', { urgentHighlight: [] }, 'body.urgentHighlight'],
];

describe('PATCH /me/settings validation', () => {
  it.each(cases)('refuses %s with 400 naming the field, and saves nothing', async (_what, patch, path) => {
    // A valid change rides along: the PATCH is all or nothing, so it must not be saved either.
    const res = await agent.patch('/me/settings', { notifCalls: false, ...patch });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json() as { errors: { path: string; message: string }[] };
    expect(body.errors.map((e) => e.path)).toContain(path);
    expect((await agent.get('/me/settings')).json()).toEqual(DEFAULT_SETTINGS);
  });

  it('refuses unknown fields (no writing of userId or timestamps), naming them', async () => {
    const res = await agent.patch('/me/settings', {
      notifCalls: false,
      userId: '00000000-0000-0000-0000-000000000000',
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('userId');
    expect((await agent.get('/me/settings')).json()).toEqual(DEFAULT_SETTINGS);
  });

  it('names every invalid field of one request', async () => {
    const res = await agent.patch('/me/settings', { preReminderDelay: -1, notifFrequency: 'never', phoneRegion: 'XX' });
    expect(res.statusCode).toBe(400);
    const paths = (res.json() as { errors: { path: string }[] }).errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.preReminderDelay', 'body.notifFrequency', 'body.phoneRegion']));
  });

  it('refuses a body that is not an object', async () => {
    const res = await agent.patch('/me/settings', [1, 2]);
    expect(res.statusCode).toBe(400);
  });

  it('accepts the edges of each range', async () => {
    const res = await agent.patch('/me/settings', {
      preReminderDelay: 0,
      maxAttempts: 50,
      workHours: { days: [7], start: '00:00', end: '23:59' },
    });
    expect(res.statusCode).toBe(200);
    const back = await agent.patch('/me/settings', {
      preReminderDelay: 1440,
      maxAttempts: 1,
      workHours: DEFAULT_SETTINGS.workHours,
    });
    expect(back.json()).toMatchObject({ preReminderDelay: 1440, maxAttempts: 1 });
    await agent.patch('/me/settings', DEFAULT_SETTINGS);
  });
});

describe('PATCH /me (time zone lives on the profile)', () => {
  it('refuses a time zone that is not IANA, naming it', async () => {
    for (const timezone of ['Mars/Olympus', '+02:00', 'GMT+2x', '']) {
      const res = await agent.patch('/me', { timezone });
      expect(res.statusCode).toBe(400);
      expect((res.json() as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain('body.timezone');
    }
    const ok = await agent.patch('/me', { timezone: 'Pacific/Honolulu' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ timezone: 'Pacific/Honolulu' });
  });
});
