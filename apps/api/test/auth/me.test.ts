import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { signedIn } from '../helpers/client.ts';
import { rows, snapshotTables } from '../helpers/db-state.ts';
import { createUser, type TestUser } from '../helpers/factories.ts';

describe('PATCH /me', () => {
  let t: TestContext;
  let user: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    user = await createUser(t.database);
  });
  afterAll(() => t.close());

  it.each([
    ['role', { role: 'admin' }],
    ['email', { email: 'taken-over@example.test' }],
    ['role next to a valid field', { name: 'Mallory', role: 'admin' }],
    ['disabled', { disabled: false }],
    ['passwordHash', { passwordHash: 'x' }],
    ['id', { id: '00000000-0000-4000-8000-000000000000' }],
  ])('refuses %s with 400 and changes nothing (no mass assignment)', async (_field, body) => {
    const agent = await signedIn(t.app, user);
    const before = await snapshotTables(t.database);
    const res = await agent.patch('/me', body);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ status: 400, code: 'validation_failed', errors: expect.any(Array) });
    expect(await snapshotTables(t.database)).toEqual(before);
    const [row] = await rows<{ role: string; email: string }>(
      t.database,
      `select role, email from users where id = '${user.id}'`,
    );
    expect(row).toEqual({ role: 'user', email: user.email });
  });

  it('updates the profile fields and reads them back', async () => {
    const agent = await signedIn(t.app, user);
    const patch = {
      name: 'Élodie Durand',
      language: 'en',
      timezone: 'America/Montreal',
      dateFormat: 'yyyy-MM-dd',
      timeFormat: '12h',
    };
    const res = await agent.patch('/me', patch);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject(patch);
    expect((await agent.get('/me')).json()).toMatchObject({ ...patch, email: user.email, role: 'user' });
  });

  it('refuses an unknown time zone and an empty name with 400 naming the fields', async () => {
    const agent = await signedIn(t.app, user);
    const res = await agent.patch('/me', { timezone: 'Mars/Olympus', name: '' });
    expect(res.statusCode).toBe(400);
    const paths = res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.timezone', 'body.name']));
  });
});

describe('POST /me/password', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers 403 to a wrong current password, changes nothing and audits the failure', async () => {
    const user = await createUser(t.database);
    const agent = await signedIn(t.app, user);
    const [before] = await rows<{ password_hash: string }>(
      t.database,
      `select password_hash from users where id = '${user.id}'`,
    );
    const res = await agent.post('/me/password', { currentPassword: 'not it', newPassword: 'a brand new passphrase' });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'wrong_password', errors: [{ path: 'currentPassword' }] });
    const [after] = await rows<{ password_hash: string }>(
      t.database,
      `select password_hash from users where id = '${user.id}'`,
    );
    expect(after).toEqual(before);
    const [audit] = await rows<{ outcome: string }>(
      t.database,
      `select outcome from audits where action = 'authn_password_change' and actor_id = '${user.id}'`,
    );
    expect(audit).toEqual({ outcome: 'failure' });
  });

  it('changes the password, keeps this session and ends every other one', async () => {
    const user = await createUser(t.database);
    const here = await signedIn(t.app, user);
    const elsewhere = await signedIn(t.app, user);
    const res = await here.post('/me/password', {
      currentPassword: user.password,
      newPassword: 'a brand new passphrase',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ revokedSessions: 1 });

    expect((await here.get('/me')).statusCode).toBe(200);
    expect((await here.post('/auth/refresh')).statusCode).toBe(200);
    expect((await elsewhere.get('/me')).statusCode).toBe(401);
    expect((await elsewhere.post('/auth/refresh')).statusCode).toBe(401);

    const login = (password: string) =>
      t.app.inject({ method: 'POST', url: '/auth/login', payload: { email: user.email, password } });
    expect((await login(user.password)).statusCode).toBe(401);
    expect((await login('a brand new passphrase')).statusCode).toBe(200);
    const [audit] = await rows<{ outcome: string; revoked: string }>(
      t.database,
      `select outcome, meta->>'revokedSessions' as revoked from audits where action = 'authn_password_change' and actor_id = '${user.id}'`,
    );
    expect(audit).toEqual({ outcome: 'success', revoked: '1' });
  });

  it('throttles wrong current passwords per user (429 + Retry-After), then lets the right one through after the window', async () => {
    const user = await createUser(t.database);
    const agent = await signedIn(t.app, user);
    const change = (currentPassword: string) =>
      agent.post('/me/password', { currentPassword, newPassword: 'yet another passphrase' });
    for (let i = 0; i < t.env.LOGIN_RATE_MAX; i++) expect((await change('guess')).statusCode).toBe(403);
    const throttled = await change(user.password);
    expect(throttled.statusCode).toBe(429);
    expect(String(throttled.headers['retry-after'])).toMatch(/^\d+$/);
    t.clock.advance(t.env.LOGIN_RATE_WINDOW_MS + 1_000);
    // The access token has expired meanwhile: refresh first, as the web client does on a 401.
    const refreshed = await agent.post('/auth/refresh');
    agent.csrf = refreshed.json<{ csrfToken: string }>().csrfToken;
    expect((await change(user.password)).statusCode).toBe(200);
  });

  it('refuses a new password shorter than 8 characters with 400', async () => {
    const user = await createUser(t.database);
    const agent = await signedIn(t.app, user);
    const res = await agent.post('/me/password', { currentPassword: user.password, newPassword: 'short' });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('body.newPassword');
  });
});

describe('POST /me/sessions/revoke-others', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('signs out the other sessions only', async () => {
    const user = await createUser(t.database);
    const here = await signedIn(t.app, user);
    const others = [await signedIn(t.app, user), await signedIn(t.app, user)];
    const res = await here.post('/me/sessions/revoke-others');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ revokedSessions: 2 });
    expect((await here.get('/me')).statusCode).toBe(200);
    for (const other of others) expect((await other.get('/me')).statusCode).toBe(401);
  });
});
