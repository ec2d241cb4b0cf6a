import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { signedIn, type Agent } from '../helpers/client.ts';
import { rows, snapshotTables } from '../helpers/db-state.ts';
import { createUser, type TestUser } from '../helpers/factories.ts';

const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';
const concreteUrl = (url: string) => url.replace(/:[A-Za-z_]+/g, SAMPLE_ID).replace(/\*/g, 'x');

describe('admin routes for a signed-in user (RBAC)', () => {
  let t: TestContext;
  let user: TestUser;
  let agent: Agent;
  beforeAll(async () => {
    t = await createTestApp();
    user = await createUser(t.database);
    agent = await signedIn(t.app, user);
  });
  afterAll(() => t.close());

  it('has admin routes to check', () => {
    expect(t.app.routeInventory.filter((r) => r.access === 'admin').length).toBeGreaterThanOrEqual(4);
  });

  it('answers 403 on every /admin route, writes nothing but one authz_fail audit row per attempt', async () => {
    const adminRoutes = t.app.routeInventory.filter((r) => r.access === 'admin');
    for (const route of adminRoutes) {
      const before = await snapshotTables(t.database);
      const res = await agent.request({
        method: route.method as 'GET',
        url: concreteUrl(route.url),
        payload: route.method === 'GET' ? undefined : { role: 'admin' },
      });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(403);
      expect(res.json()).toMatchObject({ status: 403, code: 'forbidden' });
      const [audit] = await rows<{ actor_id: string; target_type: string; outcome: string; request_id: string }>(
        t.database,
        `select actor_id, target_type, outcome, request_id from audits where action = 'authz_fail' and target_id = '${route.method} ${route.url}'`,
      );
      expect(audit).toEqual({
        actor_id: user.id,
        target_type: 'route',
        outcome: 'failure',
        request_id: res.headers['x-request-id'],
      });
      const after = await snapshotTables(t.database);
      expect({ ...after, audits: undefined }).toEqual({ ...before, audits: undefined });
    }
    const [row] = await rows<{ role: string }>(t.database, `select role from users where id = '${user.id}'`);
    expect(row?.role).toBe('user');
  });

  it('does not make every /admin path 403: an unknown one is 404', async () => {
    expect((await agent.get('/admin/nothing-here')).statusCode).toBe(404);
  });
});

describe('/admin/users for an admin', () => {
  let t: TestContext;
  let admin: TestUser;
  let agent: Agent;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t.database, { role: 'admin' });
    agent = await signedIn(t.app, admin);
  });
  afterAll(() => t.close());

  it('creates a user who can then sign in, and audits it', async () => {
    const res = await agent.post('/admin/users', {
      email: 'New.Person@Example.test',
      name: 'New Person',
      password: 'long enough secret',
      role: 'user',
    });
    expect(res.statusCode).toBe(201);
    const created = res.json<{
      id: string;
      email: string;
      role: string;
      disabled: boolean;
      lastLoginAt: string | null;
    }>();
    expect(created).toMatchObject({
      email: 'new.person@example.test',
      role: 'user',
      disabled: false,
      lastLoginAt: null,
    });
    expect(JSON.stringify(created)).not.toMatch(/password|argon/i);
    const login = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: 'new.person@example.test', password: 'long enough secret' },
    });
    expect(login.statusCode).toBe(200);
    const [audit] = await rows<{ actor_id: string }>(
      t.database,
      `select actor_id from audits where action = 'user_created' and target_id = '${created.id}'`,
    );
    expect(audit?.actor_id).toBe(admin.id);
    const [settings] = await rows<{ n: string | number }>(
      t.database,
      `select count(*) as n from settings where user_id = '${created.id}'`,
    );
    expect(Number(settings?.n)).toBe(1);
  });

  it('answers 409 to a duplicate email (whatever its case) and 400 to unknown fields', async () => {
    const existing = await createUser(t.database);
    const dup = await agent.post('/admin/users', {
      email: existing.email.toUpperCase(),
      name: 'Dup',
      password: 'long enough secret',
    });
    expect(dup.statusCode).toBe(409);
    const extra = await agent.post('/admin/users', {
      email: 'x@example.test',
      name: 'X',
      password: 'long enough secret',
      disabled: true,
    });
    expect(extra.statusCode).toBe(400);
  });

  it('lists users with paging and a search', async () => {
    await createUser(t.database, { email: 'findme-zz@example.test', name: 'Zoé Findme' });
    const page = await agent.get('/admin/users?page=1&pageSize=2');
    expect(page.statusCode).toBe(200);
    const body = page.json<{ items: unknown[]; total: number; page: number; pageSize: number }>();
    expect(body.items).toHaveLength(2);
    expect(body.total).toBeGreaterThanOrEqual(3);
    const search = await agent.get('/admin/users?q=findme-zz');
    expect(search.json<{ items: { email: string }[] }>().items.map((u) => u.email)).toEqual(['findme-zz@example.test']);
    expect((await agent.get('/admin/users?q=%25')).statusCode).toBe(200);
  });

  it('changes a role, revokes that user’s sessions and audits the change', async () => {
    const target = await createUser(t.database);
    const targetAgent = await signedIn(t.app, target);
    const res = await agent.patch(`/admin/users/${target.id}`, { role: 'admin' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ role: 'admin' });
    expect((await targetAgent.get('/me')).statusCode).toBe(401);
    const [audit] = await rows<{ from: string; to: string }>(
      t.database,
      `select meta->>'from' as from, meta->>'to' as to from audits where action = 'user_role_changed' and target_id = '${target.id}'`,
    );
    expect(audit).toEqual({ from: 'user', to: 'admin' });
  });

  it('disabling a user ends their sessions at once: next request and refresh get 401, login too', async () => {
    const target = await createUser(t.database);
    const targetAgent = await signedIn(t.app, target);
    const res = await agent.patch(`/admin/users/${target.id}`, { disabled: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ disabled: true });
    expect((await targetAgent.get('/me')).statusCode).toBe(401);
    expect((await targetAgent.post('/auth/refresh')).statusCode).toBe(401);
    const login = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: target.email, password: target.password },
    });
    expect(login.statusCode).toBe(401);
    const [audit] = await rows<{ actor_id: string }>(
      t.database,
      `select actor_id from audits where action = 'user_disabled' and target_id = '${target.id}'`,
    );
    expect(audit?.actor_id).toBe(admin.id);
  });

  it('answers 404 for an unknown user and 400 for a malformed id', async () => {
    expect((await agent.patch(`/admin/users/${SAMPLE_ID}`, { disabled: true })).statusCode).toBe(404);
    expect((await agent.patch('/admin/users/not-a-uuid', { disabled: true })).statusCode).toBe(400);
  });
});

describe('the last admin', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('cannot demote or disable itself (409), and the database is unchanged', async () => {
    const admin = await createUser(t.database, { role: 'admin' });
    const agent = await signedIn(t.app, admin);
    const before = await snapshotTables(t.database);
    for (const patch of [{ role: 'user' }, { disabled: true }, { role: 'user', disabled: true }]) {
      const res = await agent.patch(`/admin/users/${admin.id}`, patch);
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'last_admin' });
    }
    expect(await snapshotTables(t.database)).toEqual(before);
    expect((await agent.get('/admin/users')).statusCode).toBe(200);
  });

  it('can step down once another active admin exists', async () => {
    const [first] = await rows<{ id: string; email: string }>(
      t.database,
      `select id, email from users where role = 'admin'`,
    );
    const second = await createUser(t.database, { role: 'admin' });
    const agent = await signedIn(t.app, second);
    const res = await agent.patch(`/admin/users/${first!.id}`, { role: 'user' });
    expect(res.statusCode).toBe(200);
    // Now `second` is the last one.
    expect((await agent.patch(`/admin/users/${second.id}`, { role: 'user' })).statusCode).toBe(409);
  });

  it('survives two admins demoting each other at the same moment: one 200, one refusal, one admin left', async () => {
    const [x, y] = [await createUser(t.database, { role: 'admin' }), await createUser(t.database, { role: 'admin' })];
    await rows(t.database, `update users set role = 'user' where role = 'admin' and id not in ('${x.id}', '${y.id}')`);
    const [ax, ay] = [await signedIn(t.app, x), await signedIn(t.app, y)];
    const results = await Promise.all([
      ax.patch(`/admin/users/${y.id}`, { role: 'user' }),
      ay.patch(`/admin/users/${x.id}`, { role: 'user' }),
    ]);
    // The loser gets 409 (last admin) — or 401 when the winner committed before its auth check ran
    // (a role change ends the demoted admin's sessions). Either way exactly one demotion happens.
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses[0]).toBe(200);
    expect([401, 409]).toContain(statuses[1]);
    const [admins] = await rows<{ n: string | number }>(
      t.database,
      `select count(*) as n from users where role = 'admin' and not disabled`,
    );
    expect(Number(admins?.n)).toBe(1);
  });
});

describe('GET /admin/audits', () => {
  let t: TestContext;
  let agent: Agent;
  let admin: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t.database, { role: 'admin' });
    agent = await signedIn(t.app, admin);
    await t.app.inject({ method: 'POST', url: '/auth/login', payload: { email: admin.email, password: 'wrong' } });
  });
  afterAll(() => t.close());

  it('lists newest first with who, what, where and outcome, filterable by action, outcome and actor', async () => {
    const all = await agent.get('/admin/audits?pageSize=50');
    expect(all.statusCode).toBe(200);
    const items = all.json<{
      items: {
        action: string;
        actorEmail: string | null;
        outcome: string;
        ip: string;
        requestId: string;
        createdAt: string;
      }[];
      total: number;
    }>().items;
    expect(items.map((i) => i.action)).toEqual(expect.arrayContaining(['authn_login_success', 'authn_login_fail']));
    expect(items[0]?.createdAt).toMatch(/Z$/);
    const fails = (await agent.get('/admin/audits?action=authn_login_fail')).json<{
      items: typeof items;
      total: number;
    }>();
    expect(fails.total).toBe(1);
    expect(fails.items[0]).toMatchObject({
      action: 'authn_login_fail',
      actorEmail: admin.email,
      outcome: 'failure',
      ip: '127.0.0.1',
    });
    const failures = (await agent.get('/admin/audits?outcome=failure')).json<{ items: typeof items }>().items;
    expect(failures.every((i) => i.outcome === 'failure')).toBe(true);
    const mine = (await agent.get(`/admin/audits?actorId=${admin.id}&pageSize=1`)).json<{
      items: typeof items;
      total: number;
      pageSize: number;
    }>();
    expect(mine.items).toHaveLength(1);
    expect(mine.total).toBeGreaterThanOrEqual(2);
  });

  it('answers 400 to a bad filter', async () => {
    expect((await agent.get('/admin/audits?outcome=maybe')).statusCode).toBe(400);
    expect((await agent.get('/admin/audits?from=yesterday')).statusCode).toBe(400);
    expect((await agent.get('/admin/audits?pageSize=100000')).statusCode).toBe(400);
    // The action filter is the audit vocabulary's enum: a misspelt action is an error, not an empty page.
    expect((await agent.get('/admin/audits?action=login_failed')).statusCode).toBe(400);
  });
});
