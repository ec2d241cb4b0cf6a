import { readFileSync } from 'node:fs';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext, listenOnLoopback } from '../helpers/app.ts';
import { Agent, signedIn } from '../helpers/client.ts';
import { rows } from '../helpers/db-state.ts';
import { createUser, type TestUser } from '../helpers/factories.ts';
import { openSse } from '../helpers/sse.ts';
import { multipart } from '../imports/helpers.ts';
import { base32Decode, totp } from '../../src/modules/mfa/totp.ts';
import { CAST_NOW, createCast, csvOf, uploadCsv, type Cast } from './principals.ts';

/**
 * AC-01, AC-02, AC-04 (docs/security.md; HDR-03 below too): authz-matrix.json says, for every route
 * of the inventory and every principal, the status to expect. This walks it against real fixtures,
 * and keeps every response body of the run for the final check: no password, hash or token, and
 * nothing of another user.
 */
type Role = 'anonymous' | 'owner' | 'member' | 'manager' | 'other' | 'admin';
type Expected = Record<Role, number>;
const matrix = JSON.parse(readFileSync(new URL('./authz-matrix.json', import.meta.url), 'utf8')) as {
  roles: Role[];
  routes: Record<string, Expected>;
  teamCalls: Record<string, Expected>;
};
/** Non-owners first, so that the owner's own (sometimes destructive) request comes last. */
const ORDER: Role[] = ['anonymous', 'other', 'admin', 'member', 'manager', 'owner'];

interface Probe {
  method: InjectOptions['method'];
  url: string;
  payload?: unknown;
  /** A CSV sent as multipart (field `file`). */
  file?: Buffer;
  /** `anonymous`: a cookie-less agent (sign-in); `session`: a fresh sign-in of the principal (refresh, logout). */
  agent?: 'anonymous' | 'session';
  /** Server-Sent Events over real HTTP (the stream never ends under inject). */
  stream?: boolean;
  after?: (status: number) => void | Promise<void>;
}
interface World {
  t: TestContext;
  cast: Cast;
  /** Signs in with POST /auth/login as the anonymous principal. */
  stranger: TestUser;
  userOf(role: Role): TestUser | undefined;
}
type RouteProbe = (w: World) => Promise<(role: Role) => Probe | Promise<Probe>>;

let seq = 0;
const uniquePhone = () => `06${50_000_000 + ++seq}`;
const get =
  (url: string): RouteProbe =>
  async () =>
  () => ({ method: 'GET', url });
const post =
  (url: string, payload?: unknown): RouteProbe =>
  async () =>
  () => ({ method: 'POST', url, payload });
const onIds =
  (build: (w: World) => Promise<Omit<Probe, 'after'>>): RouteProbe =>
  async (w) => {
    const probe = await build(w);
    return () => probe;
  };
async function freshCall(w: World): Promise<string> {
  const res = await w.cast.agents.a.post('/calls', { firstName: 'Fresh', lastName: 'Call', phone: uniquePhone() });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}
async function freshReminder(w: World): Promise<string> {
  const res = await w.cast.agents.a.post('/reminders', {
    callId: await freshCall(w),
    scheduledAt: '2026-03-05T09:00:00Z',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

/** A fresh call of A on A's team list (so that the list's queue has a contact to hand out); its id. */
async function putOnAsList(w: World): Promise<string> {
  const id = await freshCall(w);
  const res = await w.cast.agents.a.post(`/lists/${w.cast.ids.list}/calls`, { callIds: [id] });
  expect(res.statusCode, res.body).toBe(200);
  return id;
}
/** One probe per principal, each on a resource of its own (for routes that use theirs up). */
const perRole =
  (build: (w: World, role: Role) => Promise<Omit<Probe, 'after'>>): RouteProbe =>
  async (w) =>
  (role) =>
    build(w, role);

/** Turns 2FA on for a signed-in principal (setup + a code at the test clock); the recovery codes. */
async function enrolMfa(w: World, agent: Agent, user: TestUser): Promise<string[]> {
  const setup = await agent.post('/me/mfa/setup', { password: user.password });
  expect(setup.statusCode, setup.body).toBe(200);
  const { secret } = setup.json<{ secret: string }>();
  const enabled = await agent.post('/me/mfa/enable', { code: totp(base32Decode(secret), w.t.clock.now()) });
  expect(enabled.statusCode, enabled.body).toBe(200);
  return enabled.json<{ recoveryCodes: string[] }>().recoveryCodes;
}
/** Back to password-only sign-in, so that the other probes are not asked for a code. */
async function resetMfa(w: World, user: TestUser | undefined) {
  if (!user) return;
  for (const table of ['mfa_challenges', 'mfa_recovery_codes', 'user_mfa'])
    await rows(w.t.database, `delete from ${table} where user_id = '${user.id}'`);
}
/** A settings route of 2FA that needs it on: the principal's password and one of its recovery codes. */
const withMfaOn =
  (url: string): RouteProbe =>
  async (w) =>
  async (role) => {
    const user = w.userOf(role);
    if (!user) return { method: 'POST', url, payload: { password: 'not signed in', code: '123456' } };
    const [code] = await enrolMfa(w, agents.get(role)!, user);
    return { method: 'POST', url, payload: { password: user.password, code }, after: () => resetMfa(w, user) };
  };

const PROBES: Record<string, RouteProbe> = {
  'GET /docs': get('/docs'),
  'GET /docs/static/index.html': get('/docs/static/index.html'),
  'GET /docs/static/swagger-initializer.js': get('/docs/static/swagger-initializer.js'),
  'GET /docs/json': get('/docs/json'),
  'GET /docs/yaml': get('/docs/yaml'),
  'GET /docs/static/*': get('/docs/static/swagger-ui.css'),
  'GET /openapi.json': get('/openapi.json'),
  'GET /health': get('/health'),
  'POST /auth/login': async (w) => (role) => {
    const user = role === 'anonymous' ? w.stranger : w.userOf(role)!;
    return {
      method: 'POST',
      url: '/auth/login',
      payload: { email: user.email, password: user.password },
      agent: 'anonymous',
    };
  },
  'POST /auth/login/mfa': async (w) => async (role) => {
    // Each principal completes its own two-step sign-in (anonymous: the fourth user's).
    const user = role === 'anonymous' ? w.stranger : w.userOf(role)!;
    const agent = role === 'anonymous' ? await signedIn(w.t.app, user) : agents.get(role)!;
    const [code] = await enrolMfa(w, agent, user);
    const first = await new Agent(w.t.app).post('/auth/login', { email: user.email, password: user.password });
    expect(first.statusCode, first.body).toBe(200);
    const { challenge } = first.json<{ challenge: string }>();
    return {
      method: 'POST',
      url: '/auth/login/mfa',
      payload: { challenge, code },
      agent: 'anonymous',
      after: () => resetMfa(w, user),
    };
  },
  'POST /auth/refresh': async () => () => ({ method: 'POST', url: '/auth/refresh', agent: 'session' }),
  'POST /auth/logout': async () => () => ({ method: 'POST', url: '/auth/logout', agent: 'session' }),
  'GET /me': get('/me'),
  'PATCH /me': async () => () => ({ method: 'PATCH', url: '/me', payload: { timeFormat: '24h' } }),
  'POST /me/password': async (w) => (role) => {
    const user = w.userOf(role);
    const next = `${user?.password ?? 'x'}!`;
    return {
      method: 'POST',
      url: '/me/password',
      payload: { currentPassword: user?.password ?? 'not signed in', newPassword: next },
      after: (status) => {
        if (status === 200 && user) user.password = next;
      },
    };
  },
  'POST /me/sessions/revoke-others': post('/me/sessions/revoke-others'),
  'GET /me/settings': get('/me/settings'),
  'PATCH /me/settings': async () => () => ({ method: 'PATCH', url: '/me/settings', payload: { preReminderDelay: 15 } }),
  'GET /me/mfa': get('/me/mfa'),
  'POST /me/mfa/setup': async (w) => (role) => ({
    method: 'POST',
    url: '/me/mfa/setup',
    payload: { password: w.userOf(role)?.password ?? 'not signed in' },
    after: () => resetMfa(w, w.userOf(role)),
  }),
  'POST /me/mfa/enable': async (w) => async (role) => {
    const user = w.userOf(role);
    if (!user) return { method: 'POST', url: '/me/mfa/enable', payload: { code: '123456' } };
    const setup = await agents.get(role)!.post('/me/mfa/setup', { password: user.password });
    expect(setup.statusCode, setup.body).toBe(200);
    const { secret } = setup.json<{ secret: string }>();
    return {
      method: 'POST',
      url: '/me/mfa/enable',
      payload: { code: totp(base32Decode(secret), w.t.clock.now()) },
      after: () => resetMfa(w, user),
    };
  },
  'POST /me/mfa/disable': withMfaOn('/me/mfa/disable'),
  'POST /me/mfa/recovery-codes': withMfaOn('/me/mfa/recovery-codes'),
  'GET /admin/users': get('/admin/users'),
  'POST /admin/users': async () => (role) => ({
    method: 'POST',
    url: '/admin/users',
    payload: {
      email: `created-by-${role}-${++seq}@example.test`,
      name: 'Created',
      password: 'a long enough password',
      role: 'user',
    },
  }),
  'PATCH /admin/users/:id': onIds(async (w) => ({
    method: 'PATCH',
    url: `/admin/users/${w.cast.a.id}`,
    payload: { name: 'Alice Owner' },
  })),
  // The reset revokes the target's sessions: a fresh user with 2FA on, not A (whose agent later probes use).
  'POST /admin/users/:id/mfa/reset': onIds(async (w) => {
    const target = await createUser(w.t.database, { name: 'Reset Target' });
    await enrolMfa(w, await signedIn(w.t.app, target), target);
    return { method: 'POST', url: `/admin/users/${target.id}/mfa/reset` };
  }),
  'GET /admin/audits': get('/admin/audits'),
  'GET /teams': get('/teams'),
  'POST /teams': async () => (role) => ({ method: 'POST', url: '/teams', payload: { name: `Team by ${role} ${++seq}` } }),
  'GET /teams/:id': onIds(async (w) => ({ method: 'GET', url: `/teams/${w.cast.ids.team}` })),
  'PATCH /teams/:id': async (w) => () => ({
    method: 'PATCH',
    url: `/teams/${w.cast.ids.team}`,
    payload: { name: `Équipe A ${++seq}` },
  }),
  'GET /teams/:id/candidates': onIds(async (w) => ({
    method: 'GET',
    url: `/teams/${w.cast.ids.team}/candidates?email=${encodeURIComponent((await createUser(w.t.database)).email)}`,
  })),
  'POST /teams/:id/members': onIds(async (w) => ({
    method: 'POST',
    url: `/teams/${w.cast.ids.team}/members`,
    payload: { userId: (await createUser(w.t.database, { name: 'New Member' })).id },
  })),
  // Each principal tries to remove a member of its own; the owner (a lead, not a manager) is refused.
  'DELETE /teams/:id/members/:userId': perRole(async (w) => {
    const member = await createUser(w.t.database, { name: 'Leaving Member' });
    const added = await w.cast.agents.admin.post(`/teams/${w.cast.ids.team}/members`, { userId: member.id });
    expect(added.statusCode, added.body).toBe(200);
    return { method: 'DELETE', url: `/teams/${w.cast.ids.team}/members/${member.id}` };
  }),
  'GET /lists': get('/lists'),
  'POST /lists': async (w) => (role) => ({
    method: 'POST',
    url: '/lists',
    payload: { name: `List by ${role} ${++seq}`, teamId: w.cast.ids.team },
  }),
  'GET /lists/:id': onIds(async (w) => ({ method: 'GET', url: `/lists/${w.cast.ids.list}` })),
  'PATCH /lists/:id': async (w) => () => ({
    method: 'PATCH',
    url: `/lists/${w.cast.ids.list}`,
    payload: { name: `Liste A ${++seq}` },
  }),
  // A's own personal call: the admin may not take it onto the list (400), A may.
  'POST /lists/:id/calls': onIds(async (w) => ({
    method: 'POST',
    url: `/lists/${w.cast.ids.list}/calls`,
    payload: { callIds: [await freshCall(w)] },
  })),
  // Only the team's members claim (the admin is not in A's team), each a contact of its own.
  'POST /lists/:id/next': perRole(async (w) => {
    await putOnAsList(w);
    return { method: 'POST', url: `/lists/${w.cast.ids.list}/next`, payload: {} };
  }),
  'POST /lists/:id/release': onIds(async (w) => {
    await putOnAsList(w);
    const claimed = await w.cast.agents.a.post(`/lists/${w.cast.ids.list}/next`, {});
    expect(claimed.statusCode, claimed.body).toBe(200);
    const { call } = claimed.json<{ call: { id: string } }>();
    return { method: 'POST', url: `/lists/${w.cast.ids.list}/release`, payload: { callId: call.id } };
  }),
  'DELETE /lists/:id/calls/:callId': perRole(async (w) => ({
    method: 'DELETE',
    url: `/lists/${w.cast.ids.list}/calls/${await putOnAsList(w)}`,
  })),
  'POST /lists/:id/assign': onIds(async (w) => ({
    method: 'POST',
    url: `/lists/${w.cast.ids.list}/assign`,
    payload: { callIds: [await putOnAsList(w)], assigneeId: w.cast.member.id },
  })),
  'GET /calls': get('/calls'),
  'GET /calls/:id': onIds(async (w) => ({ method: 'GET', url: `/calls/${w.cast.ids.call}` })),
  'POST /calls': async () => () => ({
    method: 'POST',
    url: '/calls',
    payload: { firstName: 'New', lastName: 'Contact', phone: uniquePhone() },
  }),
  'PATCH /calls/:id': onIds(async (w) => ({
    method: 'PATCH',
    url: `/calls/${await freshCall(w)}`,
    payload: { description: 'edited' },
  })),
  'DELETE /calls/:id': onIds(async (w) => ({ method: 'DELETE', url: `/calls/${await freshCall(w)}` })),
  'POST /calls/:id/restore': onIds(async (w) => {
    const id = await freshCall(w);
    expect((await w.cast.agents.a.delete(`/calls/${id}`)).statusCode).toBe(204);
    return { method: 'POST', url: `/calls/${id}/restore` };
  }),
  'POST /calls/:id/log': onIds(async (w) => ({
    method: 'POST',
    url: `/calls/${await freshCall(w)}/log`,
    payload: { status: 'reached', note: 'talked' },
  })),
  'GET /reminders': get('/reminders?date=2026-03-03'),
  'GET /reminders/:id': onIds(async (w) => ({ method: 'GET', url: `/reminders/${w.cast.ids.reminder}` })),
  'POST /reminders': onIds(async (w) => ({
    method: 'POST',
    url: '/reminders',
    payload: { callId: w.cast.ids.call, scheduledAt: '2026-03-04T09:00:00Z' },
  })),
  'PATCH /reminders/:id': onIds(async (w) => ({
    method: 'PATCH',
    url: `/reminders/${await freshReminder(w)}`,
    payload: { priority: 'high' },
  })),
  'POST /reminders/:id/snooze': onIds(async (w) => ({
    method: 'POST',
    url: `/reminders/${await freshReminder(w)}/snooze`,
    payload: { preset: '1h' },
  })),
  'DELETE /reminders/:id': onIds(async (w) => ({ method: 'DELETE', url: `/reminders/${await freshReminder(w)}` })),
  'POST /calls/import': async () => () => ({
    method: 'POST',
    url: '/calls/import',
    file: csvOf([uniquePhone(), uniquePhone()]),
  }),
  'GET /imports': get('/imports'),
  'GET /imports/:id': onIds(async (w) => ({ method: 'GET', url: `/imports/${w.cast.ids.import}` })),
  'GET /imports/:id/errors.csv': onIds(async (w) => ({
    method: 'GET',
    url: `/imports/${w.cast.ids.import}/errors.csv`,
  })),
  'POST /imports/:id/revert': onIds(async (w) => {
    const res = await uploadCsv(w.cast.agents.a, csvOf([uniquePhone()]), 'to-revert.csv');
    expect(res.statusCode, res.body).toBe(201);
    return { method: 'POST', url: `/imports/${res.json<{ id: string }>().id}/revert` };
  }),
  'GET /calls/export': get('/calls/export'),
  'GET /me/notifications': get('/me/notifications'),
  'PATCH /me/notifications/:id/read': onIds(async (w) => ({
    method: 'PATCH',
    url: `/me/notifications/${w.cast.ids.notification}/read`,
  })),
  'POST /me/notifications/mark-all-read': post('/me/notifications/mark-all-read'),
  'GET /me/notifications/stream': async () => () => ({ method: 'GET', url: '/me/notifications/stream', stream: true }),
  'GET /reports/kpi': get('/reports/kpi?range=7d'),
  // A leads the team; B is not in it.
  'GET /reports/team': onIds(async (w) => ({
    method: 'GET',
    url: `/reports/team?teamId=${w.cast.ids.team}&range=7d`,
  })),
  'GET /reports/today': get('/reports/today'),
};

/** The call routes on a call of A's team list (authz-matrix.json `teamCalls`). */
const TEAM_PROBES: Record<string, RouteProbe> = {
  'GET /calls?listId=': async (w) => () => ({ method: 'GET', url: `/calls?listId=${w.cast.ids.list}` }),
  'GET /calls/export?listId=': async (w) => () => ({ method: 'GET', url: `/calls/export?listId=${w.cast.ids.list}` }),
  'GET /calls/:id': onIds(async (w) => ({ method: 'GET', url: `/calls/${await putOnAsList(w)}` })),
  'PATCH /calls/:id': onIds(async (w) => ({
    method: 'PATCH',
    url: `/calls/${await putOnAsList(w)}`,
    payload: { description: 'edited by the team' },
  })),
  'PATCH /calls/:id {assigneeId}': onIds(async (w) => ({
    method: 'PATCH',
    url: `/calls/${await putOnAsList(w)}`,
    payload: { assigneeId: w.cast.member.id },
  })),
  'DELETE /calls/:id': perRole(async (w) => ({ method: 'DELETE', url: `/calls/${await putOnAsList(w)}` })),
  'POST /calls/:id/restore': perRole(async (w) => {
    const id = await putOnAsList(w);
    expect((await w.cast.agents.a.delete(`/calls/${id}`)).statusCode).toBe(204);
    return { method: 'POST', url: `/calls/${id}/restore` };
  }),
  'POST /calls/:id/log': onIds(async (w) => ({
    method: 'POST',
    url: `/calls/${await putOnAsList(w)}/log`,
    payload: { status: 'voicemail', note: 'team attempt' },
  })),
  'POST /reminders': onIds(async (w) => ({
    method: 'POST',
    url: '/reminders',
    payload: { callId: await putOnAsList(w), scheduledAt: '2026-03-04T09:00:00Z' },
  })),
  // A's own reminder on a team call: reminders are their holder's, even on a call the team sees.
  'GET /reminders/:id': onIds(async (w) => {
    const res = await w.cast.agents.a.post('/reminders', {
      callId: await putOnAsList(w),
      scheduledAt: '2026-03-04T09:00:00Z',
    });
    expect(res.statusCode, res.body).toBe(201);
    return { method: 'GET', url: `/reminders/${res.json<{ id: string }>().id}` };
  }),
};
/** Every response of the run, for the leak checks at the end. */
interface Seen {
  where: string;
  viewer: TestUser | undefined;
  text: string;
  /** The API's own description (OpenAPI, docs UI): it names fields like `password` on purpose. */
  isDocs: boolean;
  headers: Headers;
}
const seen: Seen[] = [];

let t: TestContext;
let world: World;
let baseUrl = '';
const agents = new Map<Role, Agent>();

beforeAll(async () => {
  t = await createTestApp({ now: CAST_NOW });
  const cast = await createCast(t);
  const stranger = await createUser(t.database, { name: 'Carol Stranger' });
  const users: Partial<Record<Role, TestUser>> = {
    owner: cast.a,
    member: cast.member,
    manager: cast.manager,
    other: cast.b,
    admin: cast.admin,
  };
  world = { t, cast, stranger, userOf: (role) => users[role] };
  agents.set('anonymous', new Agent(t.app));
  agents.set('owner', cast.agents.a);
  agents.set('member', cast.agents.member);
  agents.set('manager', cast.agents.manager);
  agents.set('other', cast.agents.b);
  agents.set('admin', cast.agents.admin);
  baseUrl = await listenOnLoopback(t.app);
});
afterAll(() => t?.close());

type Headers = Record<string, unknown>;

async function send(role: Role, probe: Probe): Promise<{ status: number; text: string; headers: Headers }> {
  const user = world.userOf(role);
  if (probe.stream) {
    if (role === 'anonymous') {
      const res = await t.app.inject({ method: 'GET', url: probe.url });
      return { status: res.statusCode, text: res.body, headers: res.headers };
    }
    const stream = await openSse(`${baseUrl}${probe.url}`, { cookies: agents.get(role)!.cookies });
    await t.app.notificationStreams.settled();
    stream.close();
    return {
      status: stream.status,
      text: stream.events.map((e) => e.data).join('\n'),
      headers: Object.fromEntries(stream.headers),
    };
  }
  let agent = agents.get(role)!;
  if (probe.agent === 'anonymous' || (probe.agent === 'session' && !user)) agent = new Agent(t.app);
  else if (probe.agent === 'session') agent = await signedIn(t.app, user!);
  const body = probe.file ? multipart(probe.file, 'matrix.csv') : undefined;
  const res = await agent.request({
    method: probe.method,
    url: probe.url,
    ...(body
      ? { payload: body.payload, headers: body.headers }
      : probe.payload === undefined
        ? {}
        : { payload: probe.payload as InjectOptions['payload'] }),
  });
  return { status: res.statusCode, text: res.body, headers: res.headers };
}

describe('authorization matrix (authz-matrix.json)', () => {
  it('lists every route of the inventory, and no route that is gone; each has a probe', () => {
    const inventory = t.app.routeInventory.map((r) => `${r.method} ${r.url}`);
    const listed = Object.keys(matrix.routes);
    expect(
      inventory.filter((k) => !listed.includes(k)),
      'routes missing from authz-matrix.json',
    ).toEqual([]);
    expect(
      listed.filter((k) => !inventory.includes(k)),
      'routes in authz-matrix.json that no longer exist',
    ).toEqual([]);
    expect(
      listed.filter((k) => !PROBES[k]),
      'routes without a probe in this test',
    ).toEqual([]);
    for (const [key, expected] of Object.entries(matrix.routes))
      expect(Object.keys(expected).sort(), key).toEqual([...matrix.roles].sort());
  });

  const walk = (section: string, probes: Record<string, RouteProbe>, key: string, expected: Expected) =>
    it(`${section}${key}: ${ORDER.map((r) => `${r} ${expected[r]}`).join(', ')}`, async () => {
      const probeOf = await probes[key]!(world);
      const actual: Partial<Expected> = {};
      for (const role of ORDER) {
        const probe = await probeOf(role);
        const { status, text, headers } = await send(role, probe);
        await probe.after?.(status);
        actual[role] = status;
        const signsIn = key === 'POST /auth/login' || key === 'POST /auth/login/mfa';
        const viewer = signsIn && role === 'anonymous' ? world.stranger : world.userOf(role);
        seen.push({
          where: `${section}${key} as ${role} (${status})`,
          viewer,
          text,
          isDocs: key.startsWith('GET /docs') || key === 'GET /openapi.json',
          headers,
        });
      }
      expect(actual).toEqual(expected);
    });
  for (const [key, expected] of Object.entries(matrix.routes)) walk('', PROBES, key, expected);
  for (const [key, expected] of Object.entries(matrix.teamCalls)) walk('[team call] ', TEAM_PROBES, key, expected);

  it('has a probe for every team-call row', () => {
    expect(Object.keys(matrix.teamCalls).sort()).toEqual(Object.keys(TEAM_PROBES).sort());
  });

  it('sent no password, hash, token or other user’s data in any response body of the run', async () => {
    expect(seen.length).toBeGreaterThanOrEqual(Object.keys(matrix.routes).length * ORDER.length);
    const { cast, stranger } = world;
    const hashes = await rows<{ v: string }>(
      t.database,
      `select password_hash as v from users union all select token_hash from refresh_tokens`,
    );
    expect(hashes.length).toBeGreaterThan(4);
    const secrets = [
      ...hashes.map((h) => h.v),
      '$argon2',
      ...[cast.a, cast.b, cast.admin, cast.member, cast.manager, stranger].map((u) => u.password),
    ];
    const people = [cast.a, cast.b, cast.admin, cast.member, cast.manager, stranger];
    // Team A's people see one another (members, progress, presence, assignees); B and the admin do not.
    const teamA = [cast.a, cast.member, cast.manager];
    const onTeamRoute = (where: string) => /(?<= )\/(teams|lists)\b|^\[team call\]/.test(where);
    const ownedByA = [cast.ids.call, cast.ids.reminder, cast.ids.import];
    // The scan does see user data: A's own answers carry A's email and ids.
    expect(seen.some((s) => s.viewer === cast.a && s.text.includes(cast.a.email))).toBe(true);
    expect(seen.some((s) => s.viewer === cast.a && s.text.includes(cast.ids.call))).toBe(true);
    const problems: string[] = [];
    for (const item of seen) {
      for (const secret of secrets)
        if (item.text.includes(secret)) problems.push(`${item.where}: contains a secret (${secret.slice(0, 12)}…)`);
      if (/eyJ[\w-]+\.[\w-]+\./.test(item.text)) problems.push(`${item.where}: contains a JWT`);
      if (item.isDocs) continue;
      const keys = forbiddenKeys(item.text);
      if (keys.length) problems.push(`${item.where}: has the field(s) ${keys.join(', ')}`);
      // Admins see every user on the admin routes, every team's members and calls (and the team's figures), by design.
      if (
        item.viewer === cast.admin &&
        (/(?<= )\/(admin|teams|reports\/team)\b/.test(item.where) || onTeamRoute(item.where))
      )
        continue;
      const text = withoutInstance(item.text);
      // Within team A, a call's assignee is a teammate's id wherever the call shows (A's own list too).
      const teammates = item.viewer && teamA.includes(item.viewer) ? teamA : [];
      for (const person of people.filter((p) => p !== item.viewer && !teammates.includes(p))) {
        if (text.toLowerCase().includes(person.email.toLowerCase()))
          problems.push(`${item.where}: shows the email of ${person.email}`);
        if (text.includes(person.id)) problems.push(`${item.where}: shows the id of ${person.email}`);
      }
      if (item.viewer !== cast.a)
        for (const id of ownedByA) if (text.includes(id)) problems.push(`${item.where}: shows A's resource ${id}`);
    }
    expect(problems).toEqual([]);
  });
  it('sent hardened headers on every one of those responses (HDR-03): nosniff, no X-Powered-By, no-store, no CORS grant', () => {
    const problems: string[] = [];
    for (const { where, headers } of seen) {
      if (headers['x-content-type-options'] !== 'nosniff') problems.push(`${where}: no nosniff`);
      if (headers['x-powered-by'] !== undefined) problems.push(`${where}: X-Powered-By`);
      if (headers['access-control-allow-origin'] !== undefined) problems.push(`${where}: Access-Control-Allow-Origin`);
      // The docs UI's static files may be cached; nothing else may.
      if (!where.startsWith('GET /docs/static') && !/\bno-store\b/.test(String(headers['cache-control'])))
        problems.push(`${where}: cache-control ${String(headers['cache-control'])}`);
    }
    expect(problems).toEqual([]);
  });
});

const FORBIDDEN_KEYS = /^(password|passwordHash|password_hash|tokenHash|token_hash|refreshToken|refresh_token|hash)$/i;

function forbiddenKeys(text: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  const found: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object')
      for (const [k, inner] of Object.entries(v)) {
        if (FORBIDDEN_KEYS.test(k)) found.push(k);
        walk(inner);
      }
  };
  walk(value);
  return found;
}

/** A problem's `instance` echoes the path the caller sent (with its ids): not a disclosure. */
function withoutInstance(text: string): string {
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    if (value && typeof value === 'object' && 'instance' in value)
      return JSON.stringify({ ...value, instance: undefined });
  } catch {
    // not JSON (CSV, SSE, HTML)
  }
  return text;
}
