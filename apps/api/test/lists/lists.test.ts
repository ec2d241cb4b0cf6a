import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../helpers/app.ts';
import { rows } from '../helpers/db-state.ts';
import type { TestUser } from '../helpers/factories.ts';
import type { Agent } from '../helpers/client.ts';
import { createCall, logAttempt } from '../calls/fixtures.ts';
import { createTeamCast } from './fixtures.ts';

interface ListBody {
  id: string;
  name: string;
  teamId: string;
  teamName: string;
  cooldownMinutes: number;
  maxAttempts: number;
  archivedAt: string | null;
  canEdit: boolean;
  total: number;
  remaining: number;
  progress?: {
    total: number;
    remaining: number;
    done: number;
    byOutcome: Record<string, number>;
    byMember: { userId: string; name: string; attempts: number; assigned: number }[];
  };
}

let t: TestContext;
let admin: Agent;
let lead: Agent;
let member: Agent;
let outsider: Agent;
let leadUser: TestUser;
let teamId: string;
let otherTeamId: string;
let listId: string;

beforeAll(async () => {
  ({ t, admin, lead, member, outsider, leadUser, teamId } = await createTeamCast('2026-03-24T10:00:00Z'));
  otherTeamId = (await admin.post('/teams', { name: 'Nantes' })).json<{ id: string }>().id;
});
afterAll(() => t.close());

describe('call lists', () => {
  it('a lead creates a list on their team, with the default cooldown and attempt cap', async () => {
    const res = await lead.post('/lists', { name: 'Relance printemps', teamId });
    expect(res.statusCode, res.body).toBe(201);
    const list = res.json<ListBody>();
    expect(list).toMatchObject({
      name: 'Relance printemps',
      teamName: 'Lyon',
      cooldownMinutes: 60,
      maxAttempts: 5,
      archivedAt: null,
      canEdit: true,
      total: 0,
      remaining: 0,
    });
    listId = list.id;
    expect((await lead.post('/lists', { name: 'RELANCE PRINTEMPS', teamId })).json()).toMatchObject({
      code: 'list_name_taken',
    });
    // The same name on another team is another list.
    expect((await admin.post('/lists', { name: 'Relance printemps', teamId: otherTeamId })).statusCode).toBe(201);
  });

  it('a member reads the list but may not create or change one (403); a non-member sees none (404)', async () => {
    expect((await member.post('/lists', { name: 'Mine', teamId })).statusCode).toBe(403);
    expect((await member.patch(`/lists/${listId}`, { name: 'Mine' })).statusCode).toBe(403);
    expect((await member.get(`/lists/${listId}`)).json()).toMatchObject({ id: listId, canEdit: false });
    expect((await member.get('/lists')).json<{ items: ListBody[] }>().items.map((l) => l.id)).toEqual([listId]);

    expect((await outsider.get('/lists')).json()).toEqual({ items: [] });
    for (const res of [
      await outsider.get(`/lists/${listId}`),
      await outsider.patch(`/lists/${listId}`, { name: 'Taken' }),
      await outsider.post(`/lists/${listId}/calls`, { callIds: [(await createCall(outsider)).id] }),
    ])
      expect(res.statusCode, res.body).toBe(404);
    const created = await outsider.post('/lists', { name: 'Sneaky', teamId });
    expect(created.statusCode).toBe(400);
    expect(created.json()).toMatchObject({ code: 'validation_failed', errors: [{ path: 'teamId' }] });
  });

  it("the lead puts their own calls on the list; someone else's call is refused and nothing moves", async () => {
    const mine = [await createCall(lead, { lastName: 'Dupré' }), await createCall(lead, { lastName: 'Martin' })];
    const foreign = await createCall(outsider, { lastName: 'Private' });
    const refused = await lead.post(`/lists/${listId}/calls`, { callIds: [mine[0]!.id, foreign.id] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'validation_failed', errors: [{ path: 'callIds.1' }] });
    expect(refused.body).not.toContain('Private');
    expect(await rows(t.database, 'select id from calls where list_id is not null')).toEqual([]);

    const added = await lead.post(`/lists/${listId}/calls`, { callIds: mine.map((c) => c.id) });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json()).toEqual({ added: 2, moved: 0, alreadyOnList: 0 });
    const again = await lead.post(`/lists/${listId}/calls`, { callIds: [mine[0]!.id, mine[0]!.id] });
    expect(again.json()).toEqual({ added: 0, moved: 0, alreadyOnList: 1 });

    const audits = await rows<{ meta: { added: number; callIds: string[] } }>(
      t.database,
      "select meta from audits where action = 'list_calls_added'",
    );
    expect(audits.map((a) => a.meta.added)).toEqual([2]);
  });

  it("the list's progress counts outcomes and each member's attempts", async () => {
    const extra = await createCall(lead, { lastName: 'Bernard' });
    await lead.post(`/lists/${listId}/calls`, { callIds: [extra.id] });
    const [first] = await rows<{ id: string }>(t.database, `select id from calls where list_id = '${listId}' limit 1`);
    await logAttempt(lead, first!.id, { status: 'reached' });
    const res = await member.get(`/lists/${listId}`);
    const { progress, total, remaining } = res.json<ListBody>();
    expect({ total, remaining }).toEqual({ total: 3, remaining: 2 });
    expect(progress).toMatchObject({ total: 3, remaining: 2, done: 1 });
    expect(progress!.byOutcome).toMatchObject({ reached: 1, to_call: 2 });
    expect(progress!.byMember).toEqual([{ userId: leadUser.id, name: 'Léa Lead', attempts: 1, assigned: 0 }]);
    expect((await lead.get('/lists')).json<{ items: ListBody[] }>().items[0]).toMatchObject({ total: 3, remaining: 2 });
  });

  it('a call moves between lists of the same team, never to another team', async () => {
    const second = (await lead.post('/lists', { name: 'Second', teamId })).json<ListBody>();
    const [onFirst] = await rows<{ id: string }>(
      t.database,
      `select id from calls where list_id = '${listId}' limit 1`,
    );
    const moved = await lead.post(`/lists/${second.id}/calls`, { callIds: [onFirst!.id] });
    expect(moved.json()).toEqual({ added: 1, moved: 1, alreadyOnList: 0 });
    const [otherList] = await rows<{ id: string }>(
      t.database,
      `select id from team_lists where team_id = '${otherTeamId}'`,
    );
    const across = await admin.post(`/lists/${otherList!.id}/calls`, { callIds: [onFirst!.id] });
    expect(across.statusCode).toBe(400);
  });

  it('the lead changes the cooldown and cap and archives the list; an archived list takes no calls (409)', async () => {
    const res = await lead.patch(`/lists/${listId}`, { cooldownMinutes: 120, maxAttempts: 3, archived: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ cooldownMinutes: 120, maxAttempts: 3 });
    expect(res.json<ListBody>().archivedAt).not.toBeNull();
    const [{ meta }] = (await rows<{ meta: unknown }>(
      t.database,
      "select meta from audits where action = 'list_updated'",
    )) as [{ meta: unknown }];
    expect(meta).toEqual({
      changes: {
        cooldownMinutes: { from: 60, to: 120 },
        maxAttempts: { from: 5, to: 3 },
        archived: { from: false, to: true },
      },
    });
    expect((await lead.get('/lists')).json<{ items: ListBody[] }>().items.map((l) => l.name)).toEqual(['Second']);
    expect((await lead.get('/lists?archived=true')).json<{ items: ListBody[] }>().items.map((l) => l.id)).toEqual([
      listId,
    ]);
    const call = await createCall(lead);
    const refused = await lead.post(`/lists/${listId}/calls`, { callIds: [call.id] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'list_archived' });
    expect((await lead.patch(`/lists/${listId}`, { archived: false })).json()).toMatchObject({ archivedAt: null });
  });

  it('bad input answers problem+json and writes nothing', async () => {
    const before = await rows(t.database, 'select * from team_lists order by id');
    for (const res of [
      await lead.post('/lists', { name: 'x', teamId, cooldownMinutes: -1 }),
      await lead.post('/lists', { name: 'x', teamId, maxAttempts: 0 }),
      await lead.post('/lists', { name: 'x', teamId: 'nope' }),
      await lead.post('/lists', { name: 'x', teamId, extra: 1 }),
      await lead.patch(`/lists/${listId}`, { maxAttempts: 51 }),
      await lead.post(`/lists/${listId}/calls`, { callIds: [] }),
      await lead.post(`/lists/${listId}/calls`, { callIds: ['nope'] }),
      await lead.get('/lists?archived=maybe'),
    ]) {
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect(await rows(t.database, 'select * from team_lists order by id')).toEqual(before);
  });
});
