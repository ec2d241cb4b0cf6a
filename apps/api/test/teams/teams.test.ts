import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { rows } from '../helpers/db-state.ts';
import { createUser, type TestUser } from '../helpers/factories.ts';
import { signedIn, type Agent } from '../helpers/client.ts';

interface TeamBody {
  id: string;
  name: string;
  myRole: 'member' | 'lead' | null;
  canManage: boolean;
  members: { userId: string; role: string; name: string; disabled: boolean }[];
}

let t: TestContext;
let admin: Agent;
let manager: Agent;
let caller: Agent;
let outsider: Agent;
let managerUser: TestUser;
let callerUser: TestUser;
let outsiderUser: TestUser;
let teamId: string;

async function auditsOf(action: string) {
  return rows(
    t.database,
    `select actor_id, target_id, meta from audits where action = '${action}' order by created_at`,
  );
}

beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-24T10:00:00Z' });
  admin = await signedIn(t.app, await createUser(t.database, { role: 'admin' }));
  managerUser = await createUser(t.database, { role: 'manager', name: 'Maud Manager' });
  manager = await signedIn(t.app, managerUser);
  callerUser = await createUser(t.database, { name: 'Carl Caller' });
  caller = await signedIn(t.app, callerUser);
  outsiderUser = await createUser(t.database, { name: 'Olga Outsider' });
  outsider = await signedIn(t.app, outsiderUser);
});
afterAll(() => t.close());

describe('teams', () => {
  it('an admin creates a team; its name is unique whatever its case', async () => {
    const created = await admin.post('/teams', { name: 'Équipe Lyon' });
    expect(created.statusCode, created.body).toBe(201);
    const team = created.json<TeamBody>();
    expect(team).toMatchObject({ name: 'Équipe Lyon', members: [], myRole: null, canManage: true });
    teamId = team.id;

    const again = await admin.post('/teams', { name: 'ÉQUIPE LYON' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'team_name_taken' });
    expect(await auditsOf('team_created')).toHaveLength(1);
  });

  it('only an admin creates teams', async () => {
    for (const agent of [manager, caller]) {
      const res = await agent.post('/teams', { name: 'Mine' });
      expect(res.statusCode).toBe(403);
    }
    const res = await admin.post('/teams', { name: '   ' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('the admin adds a manager as lead and a caller as member; each sees the team with their place', async () => {
    let res = await admin.post(`/teams/${teamId}/members`, { userId: managerUser.id, role: 'lead' });
    expect(res.statusCode, res.body).toBe(200);
    res = await admin.post(`/teams/${teamId}/members`, { userId: callerUser.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<TeamBody>().members.map((m) => [m.name, m.role])).toEqual([
      ['Maud Manager', 'lead'],
      ['Carl Caller', 'member'],
    ]);

    const mine = await manager.get('/teams');
    expect(mine.json<{ items: TeamBody[] }>().items).toMatchObject([{ id: teamId, myRole: 'lead', canManage: true }]);
    const theirs = await caller.get('/teams');
    expect(theirs.json<{ items: TeamBody[] }>().items).toMatchObject([
      { id: teamId, myRole: 'member', canManage: false },
    ]);
    expect(await auditsOf('team_member_added')).toHaveLength(2);
  });

  it('a non-member sees no team and gets 404 on every team route, changing nothing', async () => {
    expect((await outsider.get('/teams')).json()).toEqual({ items: [] });
    const before = await rows(t.database, 'select * from team_members order by user_id');
    for (const res of [
      await outsider.get(`/teams/${teamId}`),
      await outsider.patch(`/teams/${teamId}`, { name: 'Taken over' }),
      await outsider.post(`/teams/${teamId}/members`, { userId: outsiderUser.id, role: 'lead' }),
      await outsider.delete(`/teams/${teamId}/members/${callerUser.id}`),
    ]) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.body).not.toContain('Carl');
    }
    expect(await rows(t.database, 'select * from team_members order by user_id')).toEqual(before);
  });

  it('a member who is not a managing lead reads the team but may not change it (403)', async () => {
    expect((await caller.get(`/teams/${teamId}`)).statusCode).toBe(200);
    expect((await caller.patch(`/teams/${teamId}`, { name: 'Mine now' })).statusCode).toBe(403);
    expect((await caller.post(`/teams/${teamId}/members`, { userId: outsiderUser.id })).statusCode).toBe(403);
    // A plain user made lead edits lists (later) but still does not manage members.
    await admin.post(`/teams/${teamId}/members`, { userId: callerUser.id, role: 'lead' });
    expect((await caller.post(`/teams/${teamId}/members`, { userId: outsiderUser.id })).statusCode).toBe(403);
    await admin.post(`/teams/${teamId}/members`, { userId: callerUser.id, role: 'member' });
    expect((await auditsOf('team_member_role_changed')).map((r) => r.meta)).toEqual([
      { userId: callerUser.id, from: 'member', to: 'lead' },
      { userId: callerUser.id, from: 'lead', to: 'member' },
    ]);
  });

  it('the managing lead renames the team and manages its members', async () => {
    const renamed = await manager.patch(`/teams/${teamId}`, { name: 'Équipe Lyon Sud' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json<TeamBody>().name).toBe('Équipe Lyon Sud');
    expect((await auditsOf('team_renamed')).map((r) => r.meta)).toEqual([
      { from: 'Équipe Lyon', to: 'Équipe Lyon Sud' },
    ]);

    expect((await manager.post(`/teams/${teamId}/members`, { userId: outsiderUser.id })).statusCode).toBe(200);
    expect((await outsider.get(`/teams/${teamId}`)).statusCode).toBe(200);
    const removed = await manager.delete(`/teams/${teamId}/members/${outsiderUser.id}`);
    expect(removed.statusCode).toBe(204);
    expect((await outsider.get(`/teams/${teamId}`)).statusCode).toBe(404);
    expect((await manager.delete(`/teams/${teamId}/members/${outsiderUser.id}`)).statusCode).toBe(404);
    expect(await auditsOf('team_member_removed')).toHaveLength(1);
  });

  it('a manager who leads no team manages none', async () => {
    const other = await signedIn(t.app, await createUser(t.database, { role: 'manager' }));
    expect((await other.get('/teams')).json()).toEqual({ items: [] });
    expect((await other.patch(`/teams/${teamId}`, { name: 'Nope' })).statusCode).toBe(404);
  });

  it('the managing lead finds a colleague to add by exact e-mail, and nobody else', async () => {
    const lookUp = (agent: Agent, email: string) =>
      agent.get(`/teams/${teamId}/candidates?email=${encodeURIComponent(email)}`);
    const found = await lookUp(manager, outsiderUser.email.toUpperCase());
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json()).toEqual({
      items: [{ userId: outsiderUser.id, name: 'Olga Outsider', email: outsiderUser.email }],
    });
    // No directory: a part of an address is no address; an unknown one, or a member already in, finds nobody.
    expect((await lookUp(manager, outsiderUser.email.slice(0, 6))).statusCode).toBe(400);
    expect((await lookUp(manager, 'nobody-here@example.test')).json()).toEqual({ items: [] });
    expect((await lookUp(manager, callerUser.email)).json()).toEqual({ items: [] });
    const disabled = await createUser(t.database);
    await admin.patch(`/admin/users/${disabled.id}`, { disabled: true });
    expect((await lookUp(manager, disabled.email)).json()).toEqual({ items: [] });
    // A plain member may not add anyone; someone outside the team does not see it.
    expect((await lookUp(caller, outsiderUser.email)).statusCode).toBe(403);
    expect((await lookUp(outsider, outsiderUser.email)).statusCode).toBe(404);
  });

  it('bad input answers problem+json and writes nothing', async () => {
    const before = await rows(t.database, 'select * from team_members order by user_id');
    const cases = [
      await admin.post(`/teams/${teamId}/members`, { userId: 'not-a-uuid' }),
      await admin.post(`/teams/${teamId}/members`, { userId: outsiderUser.id, role: 'owner' }),
      await admin.post(`/teams/${teamId}/members`, { userId: '00000000-0000-4000-8000-000000000000' }),
      await admin.post(`/teams/${teamId}/members`, { userId: outsiderUser.id, extra: true }),
      await admin.patch(`/teams/${teamId}`, { name: 'x'.repeat(81) }),
    ];
    for (const res of cases) {
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await admin.get('/teams/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect(await rows(t.database, 'select * from team_members order by user_id')).toEqual(before);
  });

  it('a disabled account cannot be added, and shows as disabled where it already is', async () => {
    await admin.patch(`/admin/users/${callerUser.id}`, { disabled: true });
    const team = (await admin.get(`/teams/${teamId}`)).json<TeamBody>();
    expect(team.members.find((m) => m.userId === callerUser.id)).toMatchObject({ disabled: true });
    const res = await admin.post(`/teams/${teamId}/members`, { userId: callerUser.id, role: 'lead' });
    expect(res.statusCode).toBe(400);
    await admin.patch(`/admin/users/${callerUser.id}`, { disabled: false });
  });
});

describe('the manager role', () => {
  it('an admin names a manager; the last admin still cannot become a manager', async () => {
    const someone = await createUser(t.database);
    const res = await admin.patch(`/admin/users/${someone.id}`, { role: 'manager' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ role: 'manager' });
    const [self] = await rows<{ id: string }>(t.database, "select id from users where role = 'admin'");
    const demote = await admin.patch(`/admin/users/${self!.id}`, { role: 'manager' });
    expect(demote.statusCode).toBe(409);
    expect(demote.json()).toMatchObject({ code: 'last_admin' });
  });

  it('a manager is a signed-in user everywhere else, and not an admin', async () => {
    expect((await manager.get('/me')).json()).toMatchObject({ role: 'manager' });
    expect((await manager.get('/calls')).statusCode).toBe(200);
    expect((await manager.get('/admin/users')).statusCode).toBe(403);
  });
});
