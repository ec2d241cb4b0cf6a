import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../helpers/app.ts';
import { rows } from '../helpers/db-state.ts';
import { createUser, type TestUser } from '../helpers/factories.ts';
import { signedIn, type Agent } from '../helpers/client.ts';
import { createCall } from '../calls/fixtures.ts';
import { createTeamCast } from './fixtures.ts';

interface Claim {
  call: { id: string; lastName: string; listId: string };
  lease: { expiresAt: string };
}

let t: TestContext;
let admin: Agent;
let lead: Agent;
let member: Agent;
let outsider: Agent;
let memberUser: TestUser;
let teamId: string;

const NOW = '2026-03-24T10:00:00Z';

beforeAll(async () => {
  ({ t, admin, lead, member, outsider, memberUser, teamId } = await createTeamCast(NOW));
});
afterAll(() => t.close());

/** A list of the lead's team holding fresh calls of the lead, named as given. */
async function listWith(names: string[], options: { cooldownMinutes?: number; maxAttempts?: number } = {}) {
  const list = (await lead.post('/lists', { name: `List ${Math.random()}`, teamId, ...options })).json<{
    id: string;
  }>();
  const ids: string[] = [];
  for (const lastName of names) ids.push((await createCall(lead, { lastName })).id);
  const added = await lead.post(`/lists/${list.id}/calls`, { callIds: ids });
  expect(added.statusCode, added.body).toBe(200);
  return { listId: list.id, ids };
}

async function claim(agent: Agent, listId: string, exclude: string[] = []) {
  return agent.post(`/lists/${listId}/next`, { exclude });
}

describe('the queue of a list', () => {
  it('hands each caller a different contact, and the same one again on a reload', async () => {
    const { listId } = await listWith(['Alpha', 'Bravo']);
    const first = await claim(lead, listId);
    expect(first.statusCode, first.body).toBe(200);
    const a = first.json<Claim>();
    expect(new Date(a.lease.expiresAt).getTime() - new Date(NOW).getTime()).toBe(10 * 60_000);
    expect(a.call.listId).toBe(listId);

    const b = (await claim(member, listId)).json<Claim>();
    expect(b.call.id).not.toBe(a.call.id);
    expect((await claim(lead, listId)).json<Claim>().call.id).toBe(a.call.id);
    // Both contacts are leased: nothing is left for a third caller.
    const thirdUser = await createUser(t.database);
    const third = await signedIn(t.app, thirdUser);
    await admin.post(`/teams/${teamId}/members`, { userId: thirdUser.id });
    expect((await claim(third, listId)).statusCode).toBe(204);
  });

  it('skipping gives the contact back and hands the next one; release gives it back to anyone', async () => {
    const { listId } = await listWith(['Charlie', 'Delta']);
    const first = (await claim(lead, listId)).json<Claim>();
    const second = (await claim(lead, listId, [first.call.id])).json<Claim>();
    expect(second.call.id).not.toBe(first.call.id);
    // The skipped contact is free for someone else.
    expect((await claim(member, listId)).json<Claim>().call.id).toBe(first.call.id);

    expect((await lead.post(`/lists/${listId}/release`, { callId: second.call.id })).statusCode).toBe(204);
    expect((await lead.post(`/lists/${listId}/release`, { callId: second.call.id })).statusCode).toBe(404);
    expect((await member.post(`/lists/${listId}/release`, { callId: first.call.id })).statusCode).toBe(204);
    expect(
      await rows(t.database, `select id from calls where list_id = '${listId}' and lease_holder_id is not null`),
    ).toEqual([]);
  });

  it('logging the call ends the lease; the contact then waits out its cooldown', async () => {
    const { listId } = await listWith(['Juliett']);
    const held = (await claim(lead, listId)).json<Claim>();
    const logged = await lead.post(`/calls/${held.call.id}/log`, { status: 'no_answer' });
    expect(logged.statusCode, logged.body).toBe(201);
    const [row] = await rows<{ lease_holder_id: string | null }>(
      t.database,
      `select lease_holder_id from calls where id = '${held.call.id}'`,
    );
    expect(row!.lease_holder_id).toBeNull();
    expect((await claim(member, listId)).statusCode).toBe(204);
  });

  it('an expired lease returns the contact to the queue', async () => {
    const { listId } = await listWith(['Echo']);
    const held = (await claim(lead, listId)).json<Claim>();
    expect((await claim(member, listId)).statusCode).toBe(204);
    t.clock.advance(10 * 60_000);
    expect((await claim(member, listId)).json<Claim>().call.id).toBe(held.call.id);
    t.clock.set(new Date(NOW));
  });

  it('orders due callbacks first, then contacts never called, then the oldest last call; skips the rest', async () => {
    const { listId, ids } = await listWith(['Old', 'Never', 'Due', 'Later', 'Recent', 'Closed', 'Assigned']);
    const [old, never, due, later, recent, closed, assigned] = ids as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const set = (id: string, assignments: string) =>
      rows(t.database, `update calls set ${assignments} where id = '${id}'`);
    await set(old, "last_call_at = '2026-03-20T09:00:00Z', attempts = 1");
    await set(due, "last_call_at = '2026-03-23T09:00:00Z', next_reminder_at = '2026-03-24T09:30:00Z', attempts = 1");
    await set(later, "next_reminder_at = '2026-03-24T15:00:00Z'");
    await set(recent, "last_call_at = '2026-03-24T09:30:00Z', attempts = 1");
    await set(closed, "status = 'reached', attempts = 1, last_call_at = '2026-03-01T09:00:00Z'");
    await set(assigned, `assignee_id = '${memberUser.id}'`);

    const order: string[] = [];
    for (;;) {
      const res = await claim(lead, listId, order);
      if (res.statusCode === 204) break;
      order.push(res.json<Claim>().call.id);
    }
    const named = (list: string[]) =>
      list.map((id) => ['Old', 'Never', 'Due', 'Later', 'Recent', 'Closed', 'Assigned'][ids.indexOf(id)]);
    expect(named(order)).toEqual(named([due, never, old]));
    // The assigned contact goes to its assignee only (who skips the three others here).
    expect((await claim(member, listId, order)).json<Claim>().call.id).toBe(assigned);
  });

  it('skips contacts at the attempt cap or unreachable', async () => {
    const { listId, ids } = await listWith(['Capped', 'Unreachable'], { maxAttempts: 2 });
    await rows(t.database, `update calls set attempts = 2 where id = '${ids[0]}'`);
    await rows(t.database, `update calls set unreachable = true where id = '${ids[1]}'`);
    expect((await claim(lead, listId)).statusCode).toBe(204);
  });

  it('a non-member (an admin too) gets 404; an archived list answers 409', async () => {
    const { listId } = await listWith(['Foxtrot']);
    expect((await claim(outsider, listId)).statusCode).toBe(404);
    expect((await claim(admin, listId)).statusCode).toBe(404);
    expect((await outsider.post(`/lists/${listId}/release`, { callId: listId })).statusCode).toBe(404);
    await lead.patch(`/lists/${listId}`, { archived: true });
    const res = await claim(member, listId);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'list_archived' });
  });

  it('a member removed from the team, or a disabled account, gives back their claimed contacts at once', async () => {
    const { listId } = await listWith(['Hotel', 'India']);
    const leaver = await createUser(t.database, { name: 'Leaving' });
    const leaving = await signedIn(t.app, leaver);
    await admin.post(`/teams/${teamId}/members`, { userId: leaver.id });
    const held = (await claim(leaving, listId)).json<Claim>();
    const removed = await admin.delete(`/teams/${teamId}/members/${leaver.id}`);
    expect(removed.statusCode).toBe(204);
    const [audit] = await rows<{ meta: unknown }>(
      t.database,
      `select meta from audits where action = 'team_member_removed' and meta->>'userId' = '${leaver.id}'`,
    );
    expect(audit!.meta).toEqual({ userId: leaver.id, releasedLeases: 1, unassignedCalls: 0, handedOverReminders: 0 });
    expect((await claim(leaving, listId)).statusCode).toBe(404);

    const disabled = await createUser(t.database, { name: 'Disabled' });
    const soon = await signedIn(t.app, disabled);
    await admin.post(`/teams/${teamId}/members`, { userId: disabled.id });
    // The contact the removed member held is back in the queue: the next caller gets it.
    expect((await claim(soon, listId)).json<Claim>().call.id).toBe(held.call.id);
    await admin.patch(`/admin/users/${disabled.id}`, { disabled: true });
    const leases = await rows(
      t.database,
      `select id from calls where list_id = '${listId}' and lease_holder_id is not null`,
    );
    expect(leases).toEqual([]);
  });

  it('bad input answers problem+json', async () => {
    const { listId } = await listWith(['Golf']);
    for (const res of [
      await lead.post(`/lists/${listId}/next`, { exclude: ['nope'] }),
      await lead.post(`/lists/${listId}/next`, { other: 1 }),
      await lead.post(`/lists/${listId}/release`, {}),
      await lead.post('/lists/nope/next', {}),
    ]) {
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});
