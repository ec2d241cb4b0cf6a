import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';
import { signedIn, type Agent } from '../helpers/client.ts';
import { dayBounds } from '../../src/lib/time.ts';
import { listAttemptsBetween } from '../../src/modules/calls/calls.repository.ts';
import { createCall, createReminder, getCall, logAttempt } from './fixtures.ts';

let t: TestContext;
let agent: Agent;
let userId: string;

beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-24T10:00:00Z' });
  const user = await createUser(t.database);
  userId = user.id;
  agent = await signedIn(t.app, user);
});
afterAll(() => t.close());

describe('concurrent writes on one call', () => {
  it('serialises simultaneous attempts: both are counted, none is lost', async () => {
    const call = await createCall(agent);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => agent.post(`/calls/${call.id}/log`, { status: 'no_answer' })),
    );
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201]);
    const detail = await getCall(agent, call.id);
    expect(detail).toMatchObject({ attempts: 5, unansweredStreak: 5, unreachable: true, version: 6 });
    expect(detail.history).toHaveLength(5);
    expect(detail.openReminders).toEqual([]);
  });

  it('lets only one of two writers holding the same ETag through', async () => {
    const call = await createCall(agent);
    const [a, b] = await Promise.all([
      agent.patch(`/calls/${call.id}`, { description: 'A' }, { 'if-match': 'W/"1"' }),
      agent.patch(`/calls/${call.id}`, { description: 'B' }, { 'if-match': 'W/"1"' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 412]);
    const winner = a.statusCode === 200 ? 'A' : 'B';
    expect(await getCall(agent, call.id)).toMatchObject({ description: winner, version: 2 });
  });

  it('marks a reminder done while an attempt is logged on its call, without deadlock', async () => {
    const call = await createCall(agent);
    const reminder = await createReminder(agent, { callId: call.id, scheduledAt: '2026-03-24T11:00:00Z' });
    const [done, logged] = await Promise.all([
      agent.patch(`/reminders/${reminder.id}`, { done: true, status: 'to_call' }),
      agent.post(`/calls/${call.id}/log`, { status: 'no_answer' }),
    ]);
    expect([done.statusCode, logged.statusCode]).toEqual([200, 201]);
    expect(done.json()).toMatchObject({ done: true });
    // If the attempt wins the lock it settles the reminder first, and marking it done logs nothing more.
    const detail = await getCall(agent, call.id);
    expect([1, 2]).toContain(detail.attempts);
    expect(detail.history).toHaveLength(detail.attempts);
  });
});

describe('listAttemptsBetween (the "calls made today" query)', () => {
  it("returns the user's attempts of a local day, newest first, with live calls only", async () => {
    const other = await signedIn(t.app, await createUser(t.database));
    const a = await createCall(agent, { lastName: 'Aujourdhui' });
    const gone = await createCall(agent, { lastName: 'Supprime' });
    const theirs = await createCall(other);
    // 23:30 Paris on the 23rd (22:30Z) is yesterday; 00:30 on the 24th (23:30Z on the 23rd) is today.
    await logAttempt(agent, a.id, { status: 'no_answer', occurredAt: '2026-03-23T22:30:00Z' });
    const early = await logAttempt(agent, a.id, { status: 'voicemail', occurredAt: '2026-03-23T23:30:00Z' });
    const late = await logAttempt(agent, a.id, { status: 'reached', occurredAt: '2026-03-24T09:00:00Z' });
    await logAttempt(agent, gone.id, { status: 'reached' });
    await agent.delete(`/calls/${gone.id}`);
    await logAttempt(other, theirs.id, { status: 'reached' });

    const { start, end } = dayBounds(new Date('2026-03-24T10:00:00Z'), 'Europe/Paris');
    const rows = await listAttemptsBetween(t.app.db, userId, start, end);
    const mine = rows.filter((r) => r.call.id === a.id);
    expect(mine.map((r) => r.entry.id)).toEqual([late.entry.id, early.entry.id]);
    expect(rows.every((r) => r.call.userId === userId && r.call.deletedAt === null)).toBe(true);
    expect(rows.some((r) => r.call.id === gone.id)).toBe(false);
  });
});
