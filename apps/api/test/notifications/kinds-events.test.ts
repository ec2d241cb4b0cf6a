import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Settings, NotificationPage } from '@ct/contracts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';
import { signedIn } from '../helpers/client.ts';
import { insertCall, notificationsOf, updateProfile, updateSettings } from '../helpers/rows.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-24T10:00:00Z' });
});
afterAll(() => t.close());

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

async function emitLogged(userId: string, callId: string, historyId = randomUUID()) {
  await t.app.events.emit('call.logged', {
    userId,
    callId,
    historyId,
    status: 'reached',
    contactName: 'Hélène Dupré',
    phone: '06 23 45 87 91',
    occurredAt: t.clock.now(),
    reminderId: null,
  });
  return historyId;
}

async function emitWrongNumber(userId: string, callId: string) {
  await t.app.events.emit('call.wrong_number', {
    userId,
    callId,
    contactName: 'Hélène Dupré',
    phone: '06 23 45 87 91',
    reason: 'logged_wrong_number',
  });
}

describe('call_logged (notifCalls)', () => {
  it('is created for each logged attempt when notifCalls is on, with a link to the call', async () => {
    const { user, call } = await userWith();
    const historyId = await emitLogged(user.id, call.id);
    const rows = await notificationsOf(t.database, user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      type: 'call_logged',
      title: 'Appel effectué : Hélène Dupré',
      body: 'Hélène Dupré — 06 23 45 87 91 · Joint',
      link: `/calls?open=${call.id}`,
      dedupeKey: `call_logged:${historyId}`,
      meta: { callId: call.id, historyId, status: 'reached', reminderId: null },
    });
  });

  it('is created once however often the event is delivered', async () => {
    const { user, call } = await userWith();
    const historyId = await emitLogged(user.id, call.id);
    await emitLogged(user.id, call.id, historyId);
    await Promise.all([emitLogged(user.id, call.id, historyId), emitLogged(user.id, call.id, historyId)]);
    expect(await notificationsOf(t.database, user.id)).toHaveLength(1);
  });

  it('is not created when notifCalls is off', async () => {
    const { user, call } = await userWith({ notifCalls: false });
    await emitLogged(user.id, call.id);
    expect(await notificationsOf(t.database, user.id)).toHaveLength(0);
  });

  it('is not created when notifications are off altogether', async () => {
    const { user, call } = await userWith({ enableNotifications: false });
    await emitLogged(user.id, call.id);
    expect(await notificationsOf(t.database, user.id)).toHaveLength(0);
  });

  it('is held for the digest (not listed) with a daily frequency', async () => {
    const { user, call } = await userWith({ notifFrequency: 'daily' });
    await emitLogged(user.id, call.id);
    const rows = await notificationsOf(t.database, user.id);
    expect(rows.map((n) => [n.type, n.meta.delivery, n.digestedAt])).toEqual([['call_logged', 'digest', null]]);
    const agent = await signedIn(t.app, user);
    expect((await agent.get('/me/notifications')).json() as NotificationPage).toMatchObject({ total: 0, unread: 0 });
  });

  it('is written in English for an English-speaking user', async () => {
    const { user, call } = await userWith();
    await updateProfile(t.database, user.id, { language: 'en' });
    await emitLogged(user.id, call.id);
    const [row] = await notificationsOf(t.database, user.id);
    expect(row).toMatchObject({ title: 'Call logged: Hélène Dupré', body: 'Hélène Dupré — 06 23 45 87 91 · Reached' });
  });
});

describe('wrong_number (notifFraud)', () => {
  it('is created when notifFraud is on, once per number', async () => {
    const { user, call } = await userWith();
    await emitWrongNumber(user.id, call.id);
    await emitWrongNumber(user.id, call.id);
    const rows = await notificationsOf(t.database, user.id);
    expect(rows.map((n) => [n.type, n.title, n.dedupeKey])).toEqual([
      ['wrong_number', 'Faux numéro détecté', 'wrong_number:+33623458791'],
    ]);
    expect(rows[0]!.body).toBe('Hélène Dupré — 06 23 45 87 91 : déjà signalé comme faux numéro');
  });

  it('is not created when notifFraud is off', async () => {
    const { user, call } = await userWith({ notifFraud: false });
    await emitWrongNumber(user.id, call.id);
    expect(await notificationsOf(t.database, user.id)).toHaveLength(0);
  });
});

describe('end to end through POST /calls/:id/log', () => {
  it('a logged call is notified as call_logged; a wrong number also as wrong_number', async () => {
    const user = await createUser(t.database);
    const agent = await signedIn(t.app, user);
    const created = await agent.post('/calls', { firstName: 'Paul', lastName: 'Morel', phone: '06 23 45 87 91' });
    expect(created.statusCode, created.body).toBe(201);
    const callId = (created.json() as { id: string }).id;

    const logged = await agent.post(`/calls/${callId}/log`, { status: 'reached', note: 'OK pour un rendez-vous' });
    expect(logged.statusCode, logged.body).toBe(201);
    let page = (await agent.get('/me/notifications')).json() as NotificationPage;
    expect(page.items.map((n) => [n.type, n.title, n.link])).toEqual([
      ['call_logged', 'Appel effectué : Paul Morel', `/calls?open=${callId}`],
    ]);

    const wrong = await agent.post(`/calls/${callId}/log`, { status: 'wrong_number' });
    expect(wrong.statusCode, wrong.body).toBe(201);
    page = (await agent.get('/me/notifications')).json() as NotificationPage;
    expect(page.items.map((n) => n.type).sort()).toEqual(['call_logged', 'call_logged', 'wrong_number']);
    expect(page.unread).toBe(3);
  });
});
