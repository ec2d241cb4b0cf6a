import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reminder } from '@ct/contracts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';
import { signedIn, type Agent } from '../helpers/client.ts';
import { createCall, createReminder, query, setSettings } from '../calls/fixtures.ts';

let t: TestContext;
let agent: Agent;
let userId: string;
const r: Record<string, Reminder> = {};

interface Page {
  items: Reminder[];
  total: number;
}
async function list(params = ''): Promise<Page> {
  const res = await agent.get(`/reminders${params ? `?${params}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Page>();
}
const notes = (page: Page) => page.items.map((x) => x.note);

// "Now" is Wednesday 25 March 2026, 14:00 in Paris (13:00Z).
const NOW = '2026-03-25T13:00:00Z';

beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-20T08:00:00Z' });
  const user = await createUser(t.database);
  userId = user.id;
  agent = await signedIn(t.app, user);
  const call = await createCall(agent, { firstName: 'Hélène', lastName: 'Dupré', phone: '06 12 34 56 78' });
  const other = await createCall(agent, { firstName: 'Paul', lastName: 'Martin', phone: '07 11 22 33 44' });
  const make = (note: string, scheduledAt: string, priority = 'normal', callId = call.id) =>
    createReminder(agent, { callId, scheduledAt, priority, note, allowPast: true });
  r.overdueOld = await make('overdue-monday', '2026-03-23T09:00:00Z', 'low');
  r.todayEarly = await make('today-0830', '2026-03-25T07:30:00Z', 'high', other.id); // 08:30 Paris, passed
  r.todayLate = await make('today-1700', '2026-03-25T16:00:00Z', 'urgent');
  r.todayLast = await make('today-2330', '2026-03-25T22:30:00Z', 'normal', other.id); // 23:30 Paris: still today
  r.tomorrowUtc = await make('tomorrow-0030', '2026-03-25T23:30:00Z'); // 00:30 Paris on the 26th
  r.tomorrow = await make('tomorrow-1000', '2026-03-26T09:00:00Z', 'high');
  r.doneToday = await make('done-today', '2026-03-25T08:00:00Z');
  r.doneOld = await make('done-monday', '2026-03-23T10:00:00Z');
  // to_call: an outcome that neither closes the call's other reminders nor places a new one.
  await agent.patch(`/reminders/${r.doneToday.id}`, { done: true, status: 'to_call' });
  await agent.patch(`/reminders/${r.doneOld.id}`, { done: true, status: 'to_call' });
  t.clock.set(NOW);
  await agent.login();
});
afterAll(() => t.close());

describe('GET /reminders', () => {
  it("lists today's reminders in the user's zone with the overdue undone ones, in time order, each with its call", async () => {
    const page = await list('done=false');
    expect(notes(page)).toEqual(['overdue-monday', 'today-0830', 'today-1700', 'today-2330']);
    expect(page.total).toBe(4);
    expect(page.items.map((x) => x.overdue)).toEqual([true, true, false, false]);
    expect(page.items[2]?.call).toEqual({
      id: r.todayLate?.callId,
      firstName: 'Hélène',
      lastName: 'Dupré',
      phone: '06 12 34 56 78',
      phoneNational: '06 12 34 56 78',
      phoneUri: 'tel:+33612345678',
      status: 'to_call',
    });
  });

  it('includes the done reminders of the day unless done=false; done=true lists only those', async () => {
    expect(notes(await list())).toEqual(['overdue-monday', 'today-0830', 'done-today', 'today-1700', 'today-2330']);
    expect(notes(await list('done=true'))).toEqual(['done-today']);
    expect(notes(await list('date=today&done=true'))).toEqual(['done-today']);
  });

  it('lists another date without the overdue ones', async () => {
    expect(notes(await list('date=2026-03-26'))).toEqual(['tomorrow-0030', 'tomorrow-1000']);
    expect(notes(await list('date=2026-03-23'))).toEqual(['overdue-monday', 'done-monday']);
    expect(notes(await list('date=2026-03-25&done=false'))).toEqual([
      'overdue-monday',
      'today-0830',
      'today-1700',
      'today-2330',
    ]);
  });

  it('filters by priority, one or several', async () => {
    expect(notes(await list('priority=urgent'))).toEqual(['today-1700']);
    expect(notes(await list('priority=high,low&done=false'))).toEqual(['overdue-monday', 'today-0830']);
  });

  it('orders by priority then time when the user prefers it', async () => {
    await setSettings(t.database, userId, `reminders_order = 'priority'`);
    expect(notes(await list('done=false'))).toEqual(['today-1700', 'today-0830', 'today-2330', 'overdue-monday']);
    await setSettings(t.database, userId, `reminders_order = 'time'`);
  });

  it("follows the user's time zone", async () => {
    await query(t.database, `update users set timezone = 'America/New_York' where id = '${userId}'`);
    // 09:00 in New York on the 25th; "today" runs 04:00Z on the 25th → 04:00Z on the 26th.
    expect(notes(await list('done=false'))).toEqual([
      'overdue-monday',
      'today-0830',
      'today-1700',
      'today-2330',
      'tomorrow-0030',
    ]);
    await query(t.database, `update users set timezone = 'Europe/Paris' where id = '${userId}'`);
  });

  it('paginates with the total', async () => {
    const first = await list('done=false&pageSize=3');
    const second = await list('done=false&pageSize=3&page=2');
    expect([first.total, second.total]).toEqual([4, 4]);
    expect([...notes(first), ...notes(second)]).toEqual(['overdue-monday', 'today-0830', 'today-1700', 'today-2330']);
  });
});
