import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Call, Reminder } from '@ct/contracts';
import type { TestContext } from '../helpers/app.ts';
import { rows } from '../helpers/db-state.ts';
import { createUser, type TestUser } from '../helpers/factories.ts';
import { signedIn, type Agent } from '../helpers/client.ts';
import { createCall, createReminder, getCall, logAttempt } from '../calls/fixtures.ts';
import { createTeamCast } from './fixtures.ts';

/**
 * A team list's calls as the team sees them: every member reads and logs them, leads and admins
 * change and assign them, everyone else finds nothing; and what happens to a member's work when they
 * leave, or when a call leaves the list.
 */

let t: TestContext;
let admin: Agent;
let lead: Agent;
let member: Agent;
let outsider: Agent;
let leadUser: TestUser;
let memberUser: TestUser;
let teamId: string;

interface CallPage {
  items: Call[];
  total: number;
}

const NOW = '2026-03-24T10:00:00Z';

beforeAll(async () => {
  ({ t, admin, lead, member, outsider, leadUser, memberUser, teamId } = await createTeamCast(NOW));
});
afterAll(() => t.close());

/** A new list of the team with fresh calls of the lead on it. */
async function teamList(names: string[]) {
  const list = (await lead.post('/lists', { name: `List ${Math.random()}`, teamId })).json<{ id: string }>();
  const calls: Call[] = [];
  for (const lastName of names) calls.push(await createCall(lead, { lastName }));
  const added = await lead.post(`/lists/${list.id}/calls`, { callIds: calls.map((c) => c.id) });
  expect(added.statusCode, added.body).toBe(200);
  return { listId: list.id, ids: calls.map((c) => c.id) };
}

const etag = async (agent: Agent, id: string) => ({ 'if-match': `"${(await getCall(agent, id)).version}"` });

describe("a team list's calls", () => {
  it('are read and logged by every member; the attempt is the member’s, its callback theirs', async () => {
    const { ids } = await teamList(['Roux']);
    const [id] = ids as [string];
    expect((await member.get(`/calls/${id}`)).statusCode).toBe(200);

    const logged = await logAttempt(member, id, { status: 'no_answer' });
    expect(logged.call.attempts).toBe(1);
    expect(logged.reminder).not.toBeNull();
    const [entry] = await rows<{ user_id: string; created_by: string }>(
      t.database,
      `select user_id, created_by from call_status_history where call_id = '${id}'`,
    );
    expect(entry).toEqual({ user_id: memberUser.id, created_by: memberUser.id });
    // The automatic callback is the member's (the call has no assignee): in their day, not the lead's.
    const [reminder] = await rows<{ user_id: string }>(
      t.database,
      `select user_id from reminders where call_id = '${id}'`,
    );
    expect(reminder!.user_id).toBe(memberUser.id);
    const page = (await member.get('/reminders?date=2026-03-25')).json<{ items: Reminder[] }>();
    expect(page.items.map((r) => r.callId)).toContain(id);
    // A member may also place a callback of their own on a team call.
    const own = await createReminder(member, { callId: id, scheduledAt: '2026-03-26T09:00:00Z' });
    expect(own.callId).toBe(id);
  });

  it('are nobody else’s: 404 on every call route for someone outside the team', async () => {
    const { listId, ids } = await teamList(['Blanc']);
    const [id] = ids as [string];
    const headers = { 'if-match': '"1"' };
    const answers = [
      await outsider.get(`/calls/${id}`),
      await outsider.post(`/calls/${id}/log`, { status: 'reached' }),
      await outsider.patch(`/calls/${id}`, { firstName: 'X' }, headers),
      await outsider.delete(`/calls/${id}`, headers),
      await outsider.post(`/calls/${id}/restore`),
      await outsider.post('/reminders', { callId: id, scheduledAt: '2026-03-26T09:00:00Z' }),
      await outsider.get(`/calls?listId=${listId}`),
      await outsider.get(`/calls/export?listId=${listId}`),
    ];
    expect(answers.map((r) => r.statusCode)).toEqual([404, 404, 404, 404, 404, 404, 404, 404]);
    // Nor do they turn up in the outsider's own list or search.
    const mine = (await outsider.get('/calls?q=Blanc')).json<CallPage>();
    expect(mine.items.map((c) => c.id)).not.toContain(id);
  });

  it('are changed, deleted and restored by leads, admins and their owner; a plain member gets 403', async () => {
    const { ids } = await teamList(['Noir']);
    const [id] = ids as [string];
    const refused = await member.patch(`/calls/${id}`, { description: 'edited' }, await etag(member, id));
    expect(refused.statusCode, refused.body).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect((await member.delete(`/calls/${id}`, await etag(member, id))).statusCode).toBe(403);

    const byAdmin = await admin.patch(`/calls/${id}`, { description: 'by the admin' }, await etag(admin, id));
    expect(byAdmin.statusCode, byAdmin.body).toBe(200);
    expect((await lead.delete(`/calls/${id}`, await etag(lead, id))).statusCode).toBe(204);
    expect((await member.post(`/calls/${id}/restore`)).statusCode).toBe(403);
    expect((await admin.post(`/calls/${id}/restore`)).statusCode).toBe(200);
  });

  it('are listed per list, with an assignee filter; a caller’s own list stays their own calls', async () => {
    const { listId, ids } = await teamList(['Vert', 'Jaune']);
    const listed = (await member.get(`/calls?listId=${listId}`)).json<CallPage>();
    expect(listed.items.map((c) => c.id).sort()).toEqual([...ids].sort());
    expect(listed.total).toBe(2);
    expect((await member.get('/calls?q=Vert')).json<CallPage>().total).toBe(0);
    expect((await lead.get('/calls?q=Vert')).json<CallPage>().total).toBe(1);

    await lead.post(`/lists/${listId}/assign`, { callIds: [ids[0]], assigneeId: memberUser.id });
    const assigned = (await lead.get(`/calls?listId=${listId}&assigneeId=${memberUser.id}`)).json<CallPage>();
    expect(assigned.items.map((c) => c.id)).toEqual([ids[0]]);
    const alone = await lead.get(`/calls?assigneeId=${memberUser.id}`);
    expect(alone.statusCode).toBe(400);

    const csv = await member.get(`/calls/export?listId=${listId}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Vert');
    expect(csv.body).toContain('Jaune');
  });
});

describe('assignment', () => {
  it('is set by a lead to a member of the team, audited, and the queue hands the call only to them', async () => {
    const { listId, ids } = await teamList(['Assigné']);
    const [id] = ids as [string];
    const set = await lead.patch(`/calls/${id}`, { assigneeId: memberUser.id }, await etag(lead, id));
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json<Call>().assigneeId).toBe(memberUser.id);
    const [audit] = await rows<{ meta: unknown; actor_id: string }>(
      t.database,
      `select meta, actor_id from audits where action = 'call_assigned' and target_id = '${id}'`,
    );
    expect(audit).toEqual({ actor_id: leadUser.id, meta: { listId, from: null, to: memberUser.id } });

    expect((await lead.post(`/lists/${listId}/next`, {})).statusCode).toBe(204);
    const claimed = await member.post(`/lists/${listId}/next`, {});
    expect(claimed.json<{ call: Call }>().call.id).toBe(id);

    // Its callback goes to the assignee, whoever logs the attempt.
    await member.post(`/lists/${listId}/release`, { callId: id });
    await logAttempt(lead, id, { status: 'callback' });
    const [reminder] = await rows<{ user_id: string }>(
      t.database,
      `select user_id from reminders where call_id = '${id}' and not done`,
    );
    expect(reminder!.user_id).toBe(memberUser.id);
  });

  it('is refused to a plain member (403), to someone outside the team (400), on a personal call (409)', async () => {
    const { ids } = await teamList(['Refus']);
    const [id] = ids as [string];
    const byMember = await member.patch(`/calls/${id}`, { assigneeId: memberUser.id }, await etag(member, id));
    expect(byMember.statusCode).toBe(403);
    const outsiderUser = await createUser(t.database);
    const toOutsider = await lead.patch(`/calls/${id}`, { assigneeId: outsiderUser.id }, await etag(lead, id));
    expect(toOutsider.statusCode).toBe(400);
    expect(toOutsider.json<{ errors: { path: string }[] }>().errors[0]!.path).toBe('assigneeId');
    const personal = await createCall(lead, { lastName: 'Perso' });
    const onPersonal = await lead.patch(
      `/calls/${personal.id}`,
      { assigneeId: memberUser.id },
      await etag(lead, personal.id),
    );
    expect(onPersonal.statusCode).toBe(409);
    expect(onPersonal.json<{ code: string }>().code).toBe('not_on_list');
    expect((await getCall(lead, id)).assigneeId).toBeNull();
  });

  it('in bulk is all or nothing, and null gives the calls back to anyone', async () => {
    const { listId, ids } = await teamList(['Un', 'Deux', 'Trois']);
    const stranger = await createCall(lead, { lastName: 'Ailleurs' });
    const mixed = await lead.post(`/lists/${listId}/assign`, {
      callIds: [...ids, stranger.id],
      assigneeId: memberUser.id,
    });
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['callIds.3']);
    expect(
      await rows(t.database, `select id from calls where list_id = '${listId}' and assignee_id is not null`),
    ).toEqual([]);

    const all = await lead.post(`/lists/${listId}/assign`, { callIds: ids, assigneeId: memberUser.id });
    expect(all.json()).toEqual({ assigned: 3 });
    expect((await member.post(`/lists/${listId}/assign`, { callIds: ids, assigneeId: null })).statusCode).toBe(403);
    expect((await outsider.post(`/lists/${listId}/assign`, { callIds: ids, assigneeId: null })).statusCode).toBe(404);
    const back = await admin.post(`/lists/${listId}/assign`, { callIds: ids, assigneeId: null });
    expect(back.json()).toEqual({ assigned: 3 });
    const audits = await rows(
      t.database,
      `select id from audits where action = 'call_assigned' and meta->>'listId' = '${listId}'`,
    );
    expect(audits).toHaveLength(6);
  });
});

describe('moves and departures', () => {
  it('a call taken off its list is its owner’s again; the reminders members held on it go to the owner', async () => {
    const { listId, ids } = await teamList(['Parti']);
    const [id] = ids as [string];
    await logAttempt(member, id, { status: 'callback' });
    expect((await member.delete(`/lists/${listId}/calls/${id}`)).statusCode).toBe(403);
    expect((await lead.delete(`/lists/${listId}/calls/${id}`)).statusCode).toBe(204);
    expect((await lead.delete(`/lists/${listId}/calls/${id}`)).statusCode).toBe(404);

    const call = await getCall(lead, id);
    expect(call.listId).toBeNull();
    expect(call.openReminders).toHaveLength(1);
    expect((await member.get(`/calls/${id}`)).statusCode).toBe(404);
    const [reminder] = await rows<{ user_id: string }>(
      t.database,
      `select user_id from reminders where call_id = '${id}' and not done`,
    );
    expect(reminder!.user_id).toBe(leadUser.id);
    const [audit] = await rows<{ meta: unknown }>(
      t.database,
      `select meta from audits where action = 'list_calls_removed' and target_id = '${listId}'`,
    );
    expect(audit!.meta).toEqual({ callIds: [id], handedOverReminders: 1 });
  });

  it('a member who leaves loses sight of the team’s calls; their assignments and callbacks are handed over', async () => {
    const leaverUser = await createUser(t.database, { name: 'Paul Partant' });
    await admin.post(`/teams/${teamId}/members`, { userId: leaverUser.id });
    const leaver = await signedIn(t.app, leaverUser);
    const { listId, ids } = await teamList(['Héritage', 'Suite']);
    await lead.post(`/lists/${listId}/assign`, { callIds: ids, assigneeId: leaverUser.id });
    await logAttempt(leaver, ids[0]!, { status: 'no_answer' });
    expect((await leaver.get('/reminders?date=2026-03-25')).json<{ total: number }>().total).toBe(1);

    expect((await admin.delete(`/teams/${teamId}/members/${leaverUser.id}`)).statusCode).toBe(204);
    expect((await leaver.get(`/calls/${ids[0]}`)).statusCode).toBe(404);
    expect((await leaver.get('/reminders?date=2026-03-25')).json<{ total: number }>().total).toBe(0);
    expect(
      await rows(t.database, `select id from calls where list_id = '${listId}' and assignee_id is not null`),
    ).toEqual([]);
    const [reminder] = await rows<{ user_id: string }>(
      t.database,
      `select user_id from reminders where call_id = '${ids[0]}' and not done`,
    );
    expect(reminder!.user_id).toBe(leadUser.id);
    // The attempt they made stays in the history: nothing is lost.
    expect((await getCall(lead, ids[0]!)).history).toHaveLength(1);
  });

  it('an archived list keeps its calls visible to the team and their reminders open', async () => {
    const { listId, ids } = await teamList(['Archive']);
    await logAttempt(member, ids[0]!, { status: 'callback' });
    expect((await lead.patch(`/lists/${listId}`, { archived: true })).statusCode).toBe(200);
    expect((await member.get(`/calls/${ids[0]}`)).statusCode).toBe(200);
    expect((await getCall(member, ids[0]!)).openReminders).toHaveLength(1);
    expect((await member.post(`/lists/${listId}/next`, {})).statusCode).toBe(409);
  });
});

describe('presence', () => {
  it('the list shows who holds which contact, and every lease change is announced', async () => {
    const { listId } = await teamList(['Présent']);
    const seen: { listId: string; teamId: string }[] = [];
    const off = t.app.events.on('list.presence', (e) => {
      seen.push(e);
    });
    try {
      const claim = (await member.post(`/lists/${listId}/next`, {})).json<{ call: Call }>();
      const detail = (await lead.get(`/lists/${listId}`)).json<{
        live: { userId: string; name: string; callId: string }[];
      }>();
      expect(detail.live).toEqual([
        expect.objectContaining({
          userId: memberUser.id,
          name: 'Marc Member',
          callId: claim.call.id,
          lastName: 'Présent',
        }),
      ]);
      // A reload resumes the same lease: nothing changes, nothing is announced.
      await member.post(`/lists/${listId}/next`, {});
      await logAttempt(member, claim.call.id, { status: 'reached' });
      expect((await lead.get(`/lists/${listId}`)).json<{ live: unknown[] }>().live).toEqual([]);
      expect(seen).toEqual([
        { listId, teamId },
        { listId, teamId },
      ]);
    } finally {
      off();
    }
  });
});
