import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { signedIn, type Agent } from '../helpers/client.ts';
import { snapshotTables } from '../helpers/db-state.ts';
import { createUser, type TestUser } from '../helpers/factories.ts';

const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';
const concreteUrl = (url: string) => url.replace(/:[A-Za-z_]+/g, SAMPLE_ID).replace(/\*/g, 'x');
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Flips one character of the signature part of a `nonce.mac` token. */
function tamper(token: string) {
  const last = token.at(-1) === 'A' ? 'B' : 'A';
  return `${token.slice(0, -1)}${last}`;
}

describe('CSRF on every unsafe route of the inventory', () => {
  let t: TestContext;
  let a: Agent;
  let b: Agent;
  let admin: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    // Admins pass every access class, so each route reaches its CSRF check.
    admin = await createUser(t.database, { role: 'admin' });
    a = await signedIn(t.app, admin);
    b = await signedIn(t.app, await createUser(t.database, { role: 'admin' }));
  });
  afterAll(() => t.close());

  const unsafeRoutes = () => t.app.routeInventory.filter((r) => UNSAFE.has(r.method));
  const send = (
    route: { method: string; url: string },
    options: { headers?: Record<string, string>; csrf?: string | null; payload?: unknown } = {},
  ) =>
    a.request({
      method: route.method as InjectOptions['method'],
      url: concreteUrl(route.url),
      payload: (options.payload ?? {}) as InjectOptions['payload'],
      headers: options.headers ?? {},
      csrf: options.csrf ?? null,
    });

  it('covers the auth, me and admin routes at least', () => {
    const keys = unsafeRoutes().map((r) => `${r.method} ${r.url}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        'POST /auth/login',
        'POST /auth/refresh',
        'POST /auth/logout',
        'PATCH /me',
        'POST /me/password',
        'POST /admin/users',
        'PATCH /admin/users/:id',
      ]),
    );
  });

  it('answers 403 to a missing, foreign or tampered token on every non-public unsafe route, writing nothing', async () => {
    const routes = unsafeRoutes().filter((r) => r.access !== 'public');
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) {
      const before = await snapshotTables(t.database);
      const cases = { missing: null, 'another session’s': b.csrf, tampered: tamper(a.csrf), malformed: 'abc' };
      for (const [name, csrf] of Object.entries(cases)) {
        const res = await send(route, csrf === null ? {} : { headers: { 'x-csrf-token': csrf } });
        expect(res.statusCode, `${route.method} ${route.url} with a ${name} token`).toBe(403);
        expect(res.json(), `${route.method} ${route.url}`).toMatchObject({ status: 403, code: 'csrf_failed' });
        expect(res.headers['set-cookie'], `${route.method} ${route.url} must not touch cookies`).toBeUndefined();
      }
      expect(await snapshotTables(t.database), `${route.method} ${route.url} wrote to the database`).toEqual(before);
    }
    expect((await a.get('/me')).statusCode).toBe(200);
  });

  it('answers 403 to a cross-site Origin or Sec-Fetch-Site on every unsafe route, even with a valid token', async () => {
    const before = await snapshotTables(t.database);
    for (const route of unsafeRoutes()) {
      const foreign: Record<string, string>[] = [
        { origin: 'https://evil.example' },
        { origin: 'null' },
        { 'sec-fetch-site': 'cross-site' },
        { origin: 'http://localhost:3000.evil.example' },
      ];
      for (const headers of foreign) {
        const res = await send(route, {
          headers,
          csrf: a.csrf,
          payload: { email: admin.email, password: 'correct horse battery' },
        });
        expect(res.statusCode, `${route.method} ${route.url} ${JSON.stringify(headers)}`).toBe(403);
      }
    }
    expect(await snapshotTables(t.database)).toEqual(before);
  });
});

describe('CSRF: what a legitimate client may do', () => {
  let t: TestContext;
  let user: TestUser;
  let agent: Agent;
  beforeAll(async () => {
    t = await createTestApp();
    user = await createUser(t.database);
    agent = await signedIn(t.app, user);
  });
  afterAll(() => t.close());

  it('accepts a valid token with no Origin and no Sec-Fetch headers (non-browser client)', async () => {
    expect((await agent.patch('/me', { name: 'Scripted' })).statusCode).toBe(200);
  });

  it('accepts a valid token from the web app origin, same-origin', async () => {
    const res = await agent.patch(
      '/me',
      { name: 'Browser' },
      { origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' },
    );
    expect(res.statusCode).toBe(200);
  });

  it('does not take the csrf_token cookie alone as the token', async () => {
    const res = await agent.request({
      method: 'PATCH',
      url: '/me',
      payload: { name: 'Cookie only' },
      csrf: null,
      cookies: { csrf_token: agent.csrf },
    });
    expect(res.statusCode).toBe(403);
  });

  it('refuses text/plain and form-urlencoded bodies with 415, even with a valid token', async () => {
    const before = await snapshotTables(t.database);
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
      const payload = contentType === 'text/plain' ? JSON.stringify({ name: 'Simple request' }) : 'name=Simple+request';
      const res = await agent.request({
        method: 'PATCH',
        url: '/me',
        payload,
        headers: { 'content-type': contentType },
      });
      expect(res.statusCode, contentType).toBe(415);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(await snapshotTables(t.database)).toEqual(before);
  });
});

describe('login CSRF (POST /auth/login has no session yet)', () => {
  let t: TestContext;
  let user: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    user = await createUser(t.database);
  });
  afterAll(() => t.close());
  const login = (
    headers: Record<string, string>,
    payload: InjectOptions['payload'] = { email: user.email, password: user.password },
  ) => t.app.inject({ method: 'POST', url: '/auth/login', headers, payload });

  it('refuses a cross-site form navigation and a foreign Origin with 403, setting no cookie', async () => {
    const form = await login(
      {
        'sec-fetch-site': 'cross-site',
        'sec-fetch-mode': 'navigate',
        'content-type': 'application/x-www-form-urlencoded',
      },
      `email=${encodeURIComponent(user.email)}&password=x`,
    );
    expect(form.statusCode).toBe(403);
    const foreign = await login({ origin: 'https://evil.example' });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.headers['set-cookie']).toBeUndefined();
  });

  it('accepts a same-origin fetch from the web app', async () => {
    expect(
      (await login({ origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' }))
        .statusCode,
    ).toBe(200);
  });

  it('guards the second sign-in step (POST /auth/login/mfa) the same way, before reading the challenge', async () => {
    const payload = { challenge: 'a'.repeat(43), code: '123456' };
    for (const headers of [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }]) {
      const res = await t.app.inject({ method: 'POST', url: '/auth/login/mfa', headers, payload });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'csrf_failed' });
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });
});
