import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationPage, Settings } from '@ct/contracts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';
import { signedIn } from '../helpers/client.ts';
import { notificationsOf, updateProfile, updateSettings } from '../helpers/rows.ts';
import { JobRunner } from '../../src/jobs/runner.ts';
import { digestJob } from '../../src/jobs/digest.job.ts';

let t: TestContext;
let runner: JobRunner;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-02T06:00:00Z' });
  runner = new JobRunner(t.app, [digestJob]);
});
afterAll(() => t.close());

/** March 2026 in Paris (UTC+1): work starts at 08:00Z. 2 March is a Monday. */
const at = (d: number, hm: string) => new Date(`2026-03-${String(d).padStart(2, '0')}T${hm}:00Z`);

let seq = 0;
async function held(userId: string, kind: 'call_logged' | 'wrong_number', when: Date) {
  t.clock.set(when);
  const text =
    kind === 'call_logged'
      ? ({ kind, contactName: 'Hélène Dupré', phone: '06 23 45 87 91', status: 'reached' } as const)
      : ({ kind, contactName: 'Hélène Dupré', phone: '06 23 45 87 91', reason: 'fiction_range' } as const);
  return t.app.notifications.notify(userId, { text, dedupeKey: `digest-test:${++seq}`, link: null });
}

async function userWith(settings: Partial<Settings>) {
  const user = await createUser(t.database);
  await updateSettings(t.database, user.id, settings);
  return user;
}

const digests = async (userId: string) =>
  (await notificationsOf(t.database, userId)).filter((n) => n.type === 'digest');

describe('daily digest', () => {
  it('batches the held notifications into one digest at the next start of work, then lists them as read details', async () => {
    const user = await userWith({ notifFrequency: 'daily' });
    const a = await held(user.id, 'call_logged', at(2, '09:00'));
    const b = await held(user.id, 'call_logged', at(2, '10:00'));
    const c = await held(user.id, 'wrong_number', at(2, '11:00'));
    await runner.tick(at(2, '16:00'));
    await runner.tick(at(3, '07:59'));
    expect(await digests(user.id)).toHaveLength(0);
    await runner.tick(at(3, '08:00'));
    await runner.tick(at(3, '08:01'));

    const [digest, ...more] = await digests(user.id);
    expect(more).toHaveLength(0);
    expect(digest).toMatchObject({
      title: 'Votre résumé du jour',
      body: '2 appels enregistrés · 1 faux numéro détecté',
      link: '/dashboard',
      dedupeKey: 'digest:2026-03-03',
      meta: {
        frequency: 'daily',
        date: '2026-03-03',
        counts: { call_logged: 2, wrong_number: 1 },
        notificationIds: [a!.id, b!.id, c!.id],
      },
    });
    expect(digest!.createdAt.toISOString()).toBe('2026-03-03T08:00:00.000Z');

    const agent = await signedIn(t.app, user);
    const page = (await agent.get('/me/notifications')).json() as NotificationPage;
    expect(page.items.map((n) => n.type)).toEqual(['digest', 'wrong_number', 'call_logged', 'call_logged']);
    expect(page.unread).toBe(1);
  });

  it('sends nothing when nothing was held', async () => {
    const user = await userWith({ notifFrequency: 'daily' });
    await runner.tick(at(4, '08:00'));
    expect(await notificationsOf(t.database, user.id)).toHaveLength(0);
  });

  it("keeps what arrives after today's digest for tomorrow's", async () => {
    const user = await userWith({ notifFrequency: 'daily' });
    await held(user.id, 'call_logged', at(4, '07:00'));
    await runner.tick(at(5, '08:00'));
    const late = await held(user.id, 'call_logged', at(5, '09:00'));
    await runner.tick(at(5, '09:01'));
    expect(await digests(user.id)).toHaveLength(1);
    await runner.tick(at(6, '08:00'));
    const all = await digests(user.id);
    expect(all.map((d) => [d.dedupeKey, d.meta.notificationIds])).toEqual([
      ['digest:2026-03-05', [expect.any(Number)]],
      ['digest:2026-03-06', [late!.id]],
    ]);
  });

  it("puts only the user's own notifications in their digest", async () => {
    const a = await userWith({ notifFrequency: 'daily' });
    const b = await userWith({ notifFrequency: 'daily' });
    const mine = await held(a.id, 'call_logged', at(9, '07:00'));
    const theirs = await held(b.id, 'wrong_number', at(9, '07:10'));
    await runner.tick(at(9, '08:00'));
    const [digestA] = await digests(a.id);
    const [digestB] = await digests(b.id);
    expect(digestA?.meta).toMatchObject({ counts: { call_logged: 1 }, notificationIds: [mine!.id] });
    expect(digestB?.meta).toMatchObject({ counts: { wrong_number: 1 }, notificationIds: [theirs!.id] });
  });

  it('speaks English to an English-speaking user', async () => {
    const user = await userWith({ notifFrequency: 'daily' });
    await updateProfile(t.database, user.id, { language: 'en' });
    await held(user.id, 'call_logged', at(10, '07:00'));
    await runner.tick(at(10, '08:00'));
    const [digest] = await digests(user.id);
    expect(digest).toMatchObject({ title: 'Your daily digest', body: '1 call logged' });
  });

  it('hands a user back on realtime what was still held, at their next start of work', async () => {
    const user = await userWith({ notifFrequency: 'daily' });
    await held(user.id, 'call_logged', at(11, '10:00'));
    await updateSettings(t.database, user.id, { notifFrequency: 'realtime' });
    await runner.tick(at(12, '08:00'));
    expect(await digests(user.id)).toHaveLength(1);
  });
});

describe('weekly digest', () => {
  it('goes out on the first working day of the week only', async () => {
    const user = await userWith({ notifFrequency: 'weekly' });
    await held(user.id, 'call_logged', at(10, '10:00')); // Tuesday
    await runner.tick(at(11, '08:00')); // Wednesday
    await runner.tick(at(13, '08:00')); // Friday
    expect(await digests(user.id)).toHaveLength(0);
    await runner.tick(at(16, '08:00')); // Monday
    const [digest] = await digests(user.id);
    expect(digest).toMatchObject({
      title: 'Votre résumé de la semaine',
      dedupeKey: 'digest:2026-03-16',
      meta: { frequency: 'weekly' },
    });
  });

  it("follows the user's working days (Tuesday to Saturday: Tuesday)", async () => {
    const user = await userWith({
      notifFrequency: 'weekly',
      workHours: { days: [2, 3, 4, 5, 6], start: '09:00', end: '18:00' },
    });
    await held(user.id, 'call_logged', at(17, '10:00')); // Tuesday, after that day's start
    await runner.tick(at(23, '08:00')); // Monday: not a working day
    expect(await digests(user.id)).toHaveLength(0);
    await runner.tick(at(24, '08:00')); // Tuesday
    expect((await digests(user.id)).map((d) => d.dedupeKey)).toEqual(['digest:2026-03-24']);
  });
});
