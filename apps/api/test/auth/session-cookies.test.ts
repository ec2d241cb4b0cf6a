import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { Agent, signedIn } from '../helpers/client.ts';
import { createUser, type TestUser } from '../helpers/factories.ts';
import { isCleared, setCookieLines, setCookieOf, type SetCookieLine } from '../helpers/set-cookie.ts';
import { codeFor, enrolMfa, passwordStep } from '../mfa/helpers.ts';

/**
 * Where the browser sends each session cookie (decision 0041): the refresh cookie only to the auth
 * routes as the browser sees them (`/api/auth/*`), SameSite=Strict; the access and CSRF cookies to every
 * path. The API's routes are mounted at `/`; `API_PUBLIC_PREFIX` (default `/api`) says where the browser
 * reaches them.
 */

const NOW = '2026-03-02T10:00:00Z';

function attributes(cookie: SetCookieLine) {
  return Object.fromEntries(cookie.attributes);
}

/** The cookies a successful sign-in or refresh sets, checked attribute by attribute. */
function expectSessionCookies(res: LightMyRequestResponse, options: { secure: boolean; refreshPath: string }) {
  const { secure, refreshPath } = options;
  const names = secure
    ? { access: '__Host-ct_at', refresh: '__Secure-ct_rt', legacy: '__Host-ct_rt' }
    : { access: 'ct_at', refresh: 'ct_rt', legacy: 'ct_rt' };
  const secureAttribute = secure ? { secure: '' } : {};

  const access = setCookieOf(res, names.access, '/');
  expect(access.value).not.toBe('');
  expect(attributes(access)).toEqual({
    'max-age': '900',
    path: '/',
    httponly: '',
    samesite: 'Lax',
    ...secureAttribute,
  });

  const refresh = setCookieOf(res, names.refresh, refreshPath);
  expect(refresh.value).not.toBe('');
  expect(attributes(refresh)).toEqual({
    'max-age': expect.stringMatching(/^[1-9]\d*$/) as unknown as string,
    path: refreshPath,
    httponly: '',
    samesite: 'Strict',
    ...secureAttribute,
  });

  const csrf = setCookieOf(res, 'csrf_token', '/');
  expect(csrf.value).not.toBe('');
  expect(attributes(csrf)).toEqual({
    'max-age': refresh.attributes.get('max-age'),
    path: '/',
    samesite: 'Lax',
    ...secureAttribute,
  });

  // A refresh cookie left at Path=/ by an older version is deleted, with the attributes its prefix needs.
  const legacy = setCookieOf(res, names.legacy, '/');
  expect(isCleared(legacy)).toBe(true);
  if (secure) expect(legacy.attributes.has('secure')).toBe(true);

  expectNothingElse(res, 4);
}

/** Every cookie of a sign-out or a detected theft is cleared under the name and path it was set with. */
function expectAllCleared(res: LightMyRequestResponse, options: { secure: boolean; refreshPath: string }) {
  const { secure, refreshPath } = options;
  const expected: [string, string][] = secure
    ? [
        ['__Host-ct_at', '/'],
        ['__Secure-ct_rt', refreshPath],
        ['csrf_token', '/'],
        ['__Host-ct_rt', '/'],
      ]
    : [
        ['ct_at', '/'],
        ['ct_rt', refreshPath],
        ['csrf_token', '/'],
        ['ct_rt', '/'],
      ];
  for (const [name, path] of expected) {
    const cookie = setCookieOf(res, name, path);
    expect(isCleared(cookie), `${name} Path=${path}`).toBe(true);
    if (secure) expect(cookie.attributes.has('secure'), `${name} Path=${path}`).toBe(true);
  }
  expectNothingElse(res, 4);
}

function expectNothingElse(res: LightMyRequestResponse, count: number) {
  const lines = setCookieLines(res);
  expect(lines).toHaveLength(count);
  for (const cookie of lines) {
    expect(cookie.attributes.has('domain'), cookie.line).toBe(false);
    expect(cookie.attributes.get('samesite'), cookie.line).not.toMatch(/none/i);
  }
}

describe('session cookies (development defaults: API_PUBLIC_PREFIX=/api, no COOKIE_SECURE)', () => {
  const scope = { secure: false, refreshPath: '/api/auth' };
  let t: TestContext;
  let user: TestUser;
  beforeAll(async () => {
    t = await createTestApp({ now: NOW });
    user = await createUser(t.database);
  });
  afterAll(() => t.close());

  it('POST /auth/login sets the refresh cookie for /api/auth only, SameSite=Strict, HttpOnly', async () => {
    const agent = new Agent(t.app, user);
    const res = await agent.login();
    expect(res.statusCode).toBe(200);
    expectSessionCookies(res, scope);
  });

  it('POST /auth/refresh sets the rotated cookies with the same attributes', async () => {
    const agent = await signedIn(t.app, user);
    const res = await agent.post('/auth/refresh');
    expect(res.statusCode).toBe(200);
    expectSessionCookies(res, scope);
  });

  it('POST /auth/login/mfa sets the cookies exactly as the password login does', async () => {
    const mfaUser = await createUser(t.database);
    const { secret } = await enrolMfa(t, mfaUser);
    const challenge = await passwordStep(t, mfaUser);
    const res = await t.app.inject({
      method: 'POST',
      url: '/auth/login/mfa',
      payload: { challenge, code: codeFor(secret, t) },
    });
    expect(res.statusCode, res.body).toBe(200);
    expectSessionCookies(res, scope);
  });

  it('POST /auth/logout clears every cookie under its own path, and the legacy Path=/ refresh cookie', async () => {
    const agent = await signedIn(t.app, user);
    const res = await agent.post('/auth/logout');
    expect(res.statusCode).toBe(204);
    expectAllCleared(res, scope);
    expect(agent.cookies).toEqual({});
  });

  it('a replayed refresh token clears the same cookies as a logout', async () => {
    const agent = await signedIn(t.app, user);
    const first = agent.cookies.ct_rt!;
    expect((await agent.post('/auth/refresh')).statusCode).toBe(200);
    const replay = await agent.request({ method: 'POST', url: '/auth/refresh', cookies: { ct_rt: first } });
    expect(replay.statusCode).toBe(401);
    expectAllCleared(replay, scope);
  });

  it('a browser sends the refresh cookie to the auth routes, and not with the other API calls', async () => {
    const agent = await signedIn(t.app, user);
    expect(agent.jar.pathOf('ct_rt')).toBe('/api/auth');
    const sent = (url: string) => agent.jar.sentWith(url).map(({ name }) => name);
    expect(sent('/me')).toEqual(['ct_at', 'csrf_token']);
    expect(sent('/calls?status=callback')).toEqual(['ct_at', 'csrf_token']);
    expect(sent('/auth/refresh')).toEqual(['ct_rt', 'ct_at', 'csrf_token']);
    expect(sent('/auth/logout')).toEqual(['ct_rt', 'ct_at', 'csrf_token']);
    // A path-prefix lookalike is not under /api/auth.
    expect(sent('/authentic')).toEqual(['ct_at', 'csrf_token']);
    // And the browser-like agent keeps working through a refresh.
    expect((await agent.get('/me')).statusCode).toBe(200);
    agent.jar.delete('ct_at');
    expect((await agent.get('/me')).statusCode).toBe(401);
    const refreshed = await agent.post('/auth/refresh');
    expect(refreshed.statusCode).toBe(200);
    agent.csrf = refreshed.json<{ csrfToken: string }>().csrfToken;
    expect((await agent.get('/me')).statusCode).toBe(200);
  });

  it('accepts a refresh cookie left at Path=/ by an older version once, and moves the session to the scoped cookie', async () => {
    const agent = await signedIn(t.app, user);
    const token = agent.cookies.ct_rt!;
    // The browser as it was before the scoping: the same token, at Path=/.
    agent.jar.delete('ct_rt');
    agent.jar.set('ct_rt', token, '/');
    expect(agent.jar.sentWith('/me').map(({ name }) => name)).toContain('ct_rt');

    const res = await agent.post('/auth/refresh');
    expect(res.statusCode).toBe(200);
    expectSessionCookies(res, scope);
    expect(agent.jar.pathOf('ct_rt')).toBe('/api/auth');
    expect(agent.jar.sentWith('/me').map(({ name }) => name)).not.toContain('ct_rt');
  });

  it('prefers the scoped cookie when the browser still sends a stale Path=/ one after it', async () => {
    const agent = await signedIn(t.app, user);
    const stale = agent.cookies.ct_rt!;
    expect((await agent.post('/auth/refresh')).statusCode).toBe(200);
    const current = agent.cookies.ct_rt!;
    // A browser puts the longer path first; the used token second would be taken as theft if read.
    const res = await t.app.inject({
      method: 'POST',
      url: '/auth/refresh',
      headers: { cookie: `ct_rt=${current}; ct_rt=${stale}`, 'x-csrf-token': agent.csrf },
    });
    expect(res.statusCode, res.body).toBe(200);
  });
});

describe('session cookies with COOKIE_SECURE (production)', () => {
  const scope = { secure: true, refreshPath: '/api/auth' };
  let t: TestContext;
  let user: TestUser;
  beforeAll(async () => {
    t = await createTestApp({ now: NOW, env: { COOKIE_SECURE: 'true' } });
    user = await createUser(t.database);
  });
  afterAll(() => t.close());

  it('login: __Host- access cookie, __Secure- refresh cookie (a __Host- cookie must have Path=/), all Secure', async () => {
    const res = await new Agent(t.app, user).login();
    expect(res.statusCode).toBe(200);
    expectSessionCookies(res, scope);
  });

  it('refresh and logout keep the names, paths and Secure attribute', async () => {
    const agent = await signedIn(t.app, user);
    const refreshed = await agent.post('/auth/refresh');
    expect(refreshed.statusCode).toBe(200);
    expectSessionCookies(refreshed, scope);
    agent.csrf = refreshed.json<{ csrfToken: string }>().csrfToken;
    const out = await agent.post('/auth/logout');
    expect(out.statusCode).toBe(204);
    expectAllCleared(out, scope);
  });

  it('accepts a legacy __Host-ct_rt once and replaces it with __Secure-ct_rt', async () => {
    const agent = await signedIn(t.app, user);
    const token = agent.cookies['__Secure-ct_rt']!;
    const res = await t.app.inject({
      method: 'POST',
      url: '/auth/refresh',
      cookies: { '__Host-ct_rt': token },
      headers: { 'x-csrf-token': agent.csrf },
    });
    expect(res.statusCode, res.body).toBe(200);
    expectSessionCookies(res, scope);
  });
});

describe('session cookies under another API_PUBLIC_PREFIX', () => {
  let t: TestContext;
  let root: TestContext;
  beforeAll(async () => {
    t = await createTestApp({ now: NOW, env: { API_PUBLIC_PREFIX: '/backend/' } });
    root = await createTestApp({ now: NOW, env: { API_PUBLIC_PREFIX: '/' } });
  });
  afterAll(async () => {
    await t.close();
    await root.close();
  });

  it('scopes the refresh cookie to <prefix>/auth, and the browser-like agent follows it', async () => {
    const agent = await signedIn(t.app, await createUser(t.database));
    expect(agent.jar.pathOf('ct_rt')).toBe('/backend/auth');
    const refreshed = await agent.post('/auth/refresh');
    expect(refreshed.statusCode).toBe(200);
    expectSessionCookies(refreshed, { secure: false, refreshPath: '/backend/auth' });
  });

  it('scopes it to /auth when the API is reached at the root', async () => {
    const res = await new Agent(root.app, await createUser(root.database)).login();
    expect(res.statusCode).toBe(200);
    expectSessionCookies(res, { secure: false, refreshPath: '/auth' });
  });
});
