import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Call } from '@ct/contracts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';
import { signedIn, type Agent } from '../helpers/client.ts';
import { createCall, logAttempt } from './fixtures.ts';

let t: TestContext;
let agent: Agent;
const ids: Record<string, string> = {};

interface Page {
  items: Call[];
  page: number;
  pageSize: number;
  total: number;
}

async function list(params: string): Promise<Page> {
  const res = await agent.get(`/calls?${params}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Page>();
}
const names = (page: Page) => page.items.map((c) => c.lastName).sort();

beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-24T10:00:00Z' });
  const user = await createUser(t.database);
  agent = await signedIn(t.app, user);
  // Another user's calls must never show up.
  const other = await signedIn(t.app, await createUser(t.database));
  await createCall(other, { firstName: 'Hélène', lastName: 'Intruse', phone: '06 12 34 56 78' });

  const contacts = [
    {
      key: 'helene',
      firstName: 'Hélène',
      lastName: 'Dupré',
      phone: '06 12 34 56 78',
      type: 'prospecting',
      description: 'Intéressée par le devis',
    },
    {
      key: 'francois',
      firstName: 'François',
      lastName: 'Léger',
      phone: '+33 7 11 22 33 44',
      type: 'follow_up',
      description: '',
    },
    {
      key: 'zoe',
      firstName: 'Zoé',
      lastName: 'Besançon',
      phone: '01 23 45 67 89',
      type: 'support',
      description: "50% de remise_spéciale, l'offre \\ promo",
    },
    {
      key: 'london',
      firstName: 'Oliver',
      lastName: 'Twist',
      phone: '+44 20 7946 0958',
      type: 'other',
      description: 'London office',
    },
    { key: 'bad', firstName: 'Sans', lastName: 'Numéro', phone: 'inconnu', type: 'prospecting', description: '' },
  ] as const;
  for (const c of contacts) {
    const { key, ...body } = c;
    ids[key] = (await createCall(agent, body)).id;
  }
  // Attempts on three days: Monday, Tuesday (today) and a callback for Thursday.
  t.clock.set('2026-03-23T09:00:00Z');
  await agent.login();
  await logAttempt(agent, ids.francois!, { status: 'reached' });
  t.clock.set('2026-03-24T10:00:00Z');
  await agent.login();
  await logAttempt(agent, ids.helene!, { status: 'no_answer' });
  await logAttempt(agent, ids.zoe!, { status: 'callback', reminder: { scheduledAt: '2026-03-26T13:00:00Z' } });
});
afterAll(() => t.close());

describe('GET /calls', () => {
  it("lists only the caller's calls, with the total", async () => {
    const page = await list('');
    expect(page).toMatchObject({ page: 1, pageSize: 25, total: 5 });
    expect(names(page)).toEqual(['Besançon', 'Dupré', 'Léger', 'Numéro', 'Twist']);
  });

  it('searches names accent- and case-insensitively', async () => {
    expect(names(await list('q=helene'))).toEqual(['Dupré']);
    expect(names(await list('q=HÉLÈNE%20dupre'))).toEqual(['Dupré']);
    expect(names(await list('q=leger'))).toEqual(['Léger']);
    expect(names(await list('q=besan'))).toEqual(['Besançon']);
    expect(names(await list('q=devis'))).toEqual(['Dupré']);
    expect(names(await list('q=dupre%20helene'))).toEqual(['Dupré']);
    expect(names(await list('q=%20%20Dupr%C3%A9%20%20'))).toEqual(['Dupré']);
    expect(names(await list('q=helene%20martin'))).toEqual([]);
  });

  it('finds a phone typed in any format', async () => {
    for (const q of [
      '06 12 34 56 78',
      '+33612345678',
      '0033 6 12 34 56 78',
      '06.12.34.56.78',
      '0612',
      '+33 6 12 34 56 78',
    ]) {
      expect(names(await list(`q=${encodeURIComponent(q)}`)), q).toEqual(['Dupré']);
    }
    expect(names(await list(`q=${encodeURIComponent('07 11 22 33 44')}`))).toEqual(['Léger']);
    expect(names(await list(`q=${encodeURIComponent('+44 20 7946 0958')}`))).toEqual(['Twist']);
  });

  it('searches SQL and LIKE metacharacters literally', async () => {
    expect(names(await list(`q=${encodeURIComponent('50%')}`))).toEqual(['Besançon']);
    expect(names(await list(`q=${encodeURIComponent('%')}`))).toEqual(['Besançon']);
    expect(names(await list(`q=${encodeURIComponent('remise_sp')}`))).toEqual(['Besançon']);
    expect(names(await list(`q=${encodeURIComponent('_')}`))).toEqual(['Besançon']);
    expect(names(await list(`q=${encodeURIComponent("l'offre")}`))).toEqual(['Besançon']);
    expect(names(await list(`q=${encodeURIComponent('\\')}`))).toEqual(['Besançon']);
    expect(names(await list(`q=${encodeURIComponent("' or 1=1 --")}`))).toEqual([]);
  });

  it('filters by one or several statuses and types, repeated or comma-separated', async () => {
    expect(names(await list('status=no_answer'))).toEqual(['Dupré']);
    expect(names(await list('status=no_answer,callback'))).toEqual(['Besançon', 'Dupré']);
    expect(names(await list('status=no_answer&status=reached'))).toEqual(['Dupré', 'Léger']);
    expect(names(await list('type=support&type=other'))).toEqual(['Besançon', 'Twist']);
    expect(names(await list('type=prospecting&status=to_call'))).toEqual(['Numéro']);
  });

  it('filters on the last call date or the next reminder date, a date being a whole day in the user zone', async () => {
    expect(names(await list('from=2026-03-24&to=2026-03-24'))).toEqual(['Besançon', 'Dupré']);
    expect(names(await list('from=2026-03-23&to=2026-03-23'))).toEqual(['Léger']);
    expect(names(await list('from=2026-03-23'))).toEqual(['Besançon', 'Dupré', 'Léger']);
    expect(names(await list('to=2026-03-23T12:00:00Z'))).toEqual(['Léger']);
    expect(names(await list('dateField=nextReminderAt&from=2026-03-26&to=2026-03-26'))).toEqual(['Besançon']);
    expect(names(await list('dateField=nextReminderAt&from=2026-03-25&to=2026-03-25'))).toEqual(['Dupré']);
  });

  it('filters unreachable calls', async () => {
    expect((await list('unreachable=true')).total).toBe(0);
    expect((await list('unreachable=false')).total).toBe(5);
  });

  it('sorts on whitelisted fields both ways, empty values last in the natural direction', async () => {
    expect((await list('sort=lastName:asc')).items.map((c) => c.lastName)).toEqual([
      'Besançon',
      'Dupré',
      'Léger',
      'Numéro',
      'Twist',
    ]);
    expect((await list('sort=lastName:desc')).items.map((c) => c.lastName)).toEqual([
      'Twist',
      'Numéro',
      'Léger',
      'Dupré',
      'Besançon',
    ]);
    const byLastCall = (await list('sort=lastCallAt:desc')).items.map((c) => c.lastName);
    expect(byLastCall.slice(2)).toEqual(['Léger', expect.any(String), expect.any(String)]);
    expect(byLastCall.slice(0, 2).sort()).toEqual(['Besançon', 'Dupré']);
    // The reverse sort is the exact reverse: never-called contacts first, then the oldest call.
    const byOldestCall = (await list('sort=lastCallAt:asc')).items.map((c) => c.lastName);
    expect(byOldestCall.slice(0, 2).sort()).toEqual(['Numéro', 'Twist']);
    expect(byOldestCall[2]).toBe('Léger');
    const byReminder = (await list('sort=nextReminderAt:asc')).items.map((c) => c.lastName);
    expect(byReminder.slice(0, 2)).toEqual(['Dupré', 'Besançon']);
    expect((await list('sort=attempts:desc&pageSize=3')).items.every((c) => c.attempts === 1)).toBe(true);
  });

  it('paginates with stable totals', async () => {
    const first = await list('sort=lastName:asc&pageSize=2&page=1');
    const second = await list('sort=lastName:asc&pageSize=2&page=2');
    const third = await list('sort=lastName:asc&pageSize=2&page=3');
    const beyond = await list('sort=lastName:asc&pageSize=2&page=4');
    expect([first.total, second.total, third.total, beyond.total]).toEqual([5, 5, 5, 5]);
    expect([...first.items, ...second.items, ...third.items].map((c) => c.lastName)).toEqual([
      'Besançon',
      'Dupré',
      'Léger',
      'Numéro',
      'Twist',
    ]);
    expect(beyond.items).toEqual([]);
    expect((await list('q=dupre&pageSize=1')).total).toBe(1);
  });
});
