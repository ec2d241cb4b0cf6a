import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@ct/contracts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';
import { Agent, signedIn } from '../helpers/client.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-02T10:00:00Z' });
});
afterAll(() => t.close());

describe('GET /me/settings', () => {
  it('gives a new user the default settings (Mon–Fri 09:00–18:00, slot 10:00, 15 min, realtime)', async () => {
    const agent = await signedIn(t.app, await createUser(t.database));
    const res = await agent.get('/me/settings');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toEqual(DEFAULT_SETTINGS);
    expect(res.json()).toMatchObject({
      workHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' },
      defaultReminderSlot: '10:00',
      preReminderDelay: 15,
      enableNotifications: true,
      notifFrequency: 'realtime',
    });
  });

  it('answers 401 without a session', async () => {
    const res = await new Agent(t.app).get('/me/settings');
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});

describe('PATCH /me/settings', () => {
  it('saves every field and reads them back (round trip)', async () => {
    const agent = await signedIn(t.app, await createUser(t.database));
    const next = {
      workHours: { days: [1, 2, 3, 4, 6], start: '08:30', end: '17:15' },
      defaultReminderSlot: '14:00',
      defaultStatusAfterCall: 'callback',
      confirmBeforeDelete: false,
      remindersOrder: 'priority',
      preReminderDelay: 30,
      maxAttempts: 7,
      phoneRegion: 'BE',
      enableReminders: false,
      enableNotifications: false,
      notifReminder: false,
      notifCalls: false,
      notifFraud: false,
      notifTeam: false,
      notifFrequency: 'weekly',
      urgentHighlight: false,
    };
    const res = await agent.patch('/me/settings', next);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(next);
    expect((await agent.get('/me/settings')).json()).toEqual(next);
  });

  it('changes only the fields sent', async () => {
    const agent = await signedIn(t.app, await createUser(t.database));
    const res = await agent.patch('/me/settings', { notifFrequency: 'daily' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ...DEFAULT_SETTINGS, notifFrequency: 'daily' });
  });

  it('accepts an empty patch and changes nothing', async () => {
    const agent = await signedIn(t.app, await createUser(t.database));
    const res = await agent.patch('/me/settings', {});
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(DEFAULT_SETTINGS);
  });

  it("never touches another user's settings", async () => {
    const a = await signedIn(t.app, await createUser(t.database));
    const b = await signedIn(t.app, await createUser(t.database));
    await a.patch('/me/settings', { preReminderDelay: 45, notifCalls: false });
    expect((await b.get('/me/settings')).json()).toEqual(DEFAULT_SETTINGS);
  });

  it('needs the CSRF token', async () => {
    const agent = await signedIn(t.app, await createUser(t.database));
    const res = await agent.request({
      method: 'PATCH',
      url: '/me/settings',
      payload: { notifCalls: false },
      csrf: null,
    });
    expect(res.statusCode).toBe(403);
    expect((await agent.get('/me/settings')).json()).toEqual(DEFAULT_SETTINGS);
  });
});
