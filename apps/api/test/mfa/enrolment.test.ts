import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { signedIn } from '../helpers/client.ts';
import { rows } from '../helpers/db-state.ts';
import { createUser, type TestUser } from '../helpers/factories.ts';
import { codeFor, enrolMfa, passwordStep, STEP_MS } from './helpers.ts';

const ARGON2ID = /^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/;

async function auditsOf(t: TestContext, userId: string) {
  return rows<{ action: string; outcome: string; reason: string | null }>(
    t.database,
    `select action, outcome, meta->>'reason' as reason from audits
      where actor_id = '${userId}' and action like 'authn_mfa%' order by created_at, action`,
  );
}

describe('two-factor enrolment (/me/mfa)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T10:00:00Z' });
  });
  afterAll(() => t.close());

  it('is off for a new account', async () => {
    const agent = await signedIn(t.app, await createUser(t.database));
    const res = await agent.get('/me/mfa');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ enabled: false, enabledAt: null, recoveryCodesRemaining: 0 });
  });

  it('asks for the password again before showing a secret: a wrong one → 403 wrong_password, audited', async () => {
    const user = await createUser(t.database);
    const agent = await signedIn(t.app, user);
    const res = await agent.post('/me/mfa/setup', { password: 'not my password' });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'wrong_password', errors: [{ path: 'password' }] });
    expect(res.body).not.toMatch(/secret|otpauth/i);
    expect(await rows(t.database, `select 1 from user_mfa where user_id = '${user.id}'`)).toHaveLength(0);
    expect(await auditsOf(t, user.id)).toEqual([
      { action: 'authn_mfa_enrol_start', outcome: 'failure', reason: 'wrong_password' },
    ]);
  });

  it('answers a secret, its otpauth URI and an SVG QR code; only an AES-GCM ciphertext is stored', async () => {
    const user = await createUser(t.database);
    const agent = await signedIn(t.app, user);
    const res = await agent.post('/me/mfa/setup', { password: user.password });
    expect(res.statusCode).toBe(200);
    const setup = res.json<{ secret: string; otpauthUri: string; qrSvg: string; expiresAt: string }>();
    expect(setup.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.otpauthUri).toContain(`secret=${setup.secret}`);
    expect(setup.otpauthUri).toMatch(/^otpauth:\/\/totp\/Call%20Tracking:/);
    expect(setup.qrSvg).toMatch(/^<svg[^>]+viewBox="0 0 \d+ \d+"/);
    expect(setup.qrSvg).not.toMatch(/<script|on\w+=/i);
    expect(setup.expiresAt).toBe('2026-03-02T10:15:00.000Z');

    const [row] = await rows<{ secret_encrypted: string; enabled_at: string | null }>(
      t.database,
      `select secret_encrypted, enabled_at from user_mfa where user_id = '${user.id}'`,
    );
    expect(row?.enabled_at).toBeNull();
    expect(row?.secret_encrypted).toMatch(/^v1\.[\w-]{16}\.[\w-]+\.[\w-]{22}$/);
    const dump = JSON.stringify(await rows(t.database, `select * from user_mfa`));
    expect(dump).not.toContain(setup.secret);
    expect(dump.toLowerCase()).not.toContain(setup.secret.toLowerCase());
    // Still off until a code confirms it.
    expect((await agent.get('/me/mfa')).json()).toMatchObject({ enabled: false });
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/auth/login',
          payload: { email: user.email, password: user.password },
        })
      ).json(),
    ).toHaveProperty('user');
  });

  it('is confirmed by a code from the app: 10 recovery codes shown once, stored as Argon2id hashes', async () => {
    const user = await createUser(t.database);
    const agent = await signedIn(t.app, user);
    const { secret } = (await agent.post('/me/mfa/setup', { password: user.password })).json<{ secret: string }>();

    const wrong = await agent.post('/me/mfa/enable', { code: codeFor(secret, t, 5 * STEP_MS) });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toMatchObject({ code: 'wrong_mfa_code', errors: [{ path: 'code' }] });
    expect((await agent.get('/me/mfa')).json()).toMatchObject({ enabled: false });

    const res = await agent.post('/me/mfa/enable', { code: codeFor(secret, t) });
    expect(res.statusCode).toBe(200);
    const { recoveryCodes } = res.json<{ recoveryCodes: string[] }>();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[0-9a-z]{5}-[0-9a-z]{5}$/);

    const stored = await rows<{ code_hash: string }>(
      t.database,
      `select code_hash from mfa_recovery_codes where user_id = '${user.id}'`,
    );
    expect(stored).toHaveLength(10);
    for (const { code_hash } of stored) expect(code_hash).toMatch(ARGON2ID);
    const dump = JSON.stringify(stored);
    for (const code of recoveryCodes) expect(dump).not.toContain(code);

    const status = (await agent.get('/me/mfa')).json<{
      enabled: boolean;
      enabledAt: string;
      recoveryCodesRemaining: number;
    }>();
    expect(status).toEqual({ enabled: true, enabledAt: '2026-03-02T10:00:00.000Z', recoveryCodesRemaining: 10 });
    expect(await auditsOf(t, user.id)).toEqual([
      { action: 'authn_mfa_enrol_start', outcome: 'success', reason: null },
      { action: 'authn_mfa_enable', outcome: 'failure', reason: 'wrong_code' },
      { action: 'authn_mfa_enable', outcome: 'success', reason: null },
    ]);
  });

  it('never sends the secret again once enabled, and a new setup or enable is refused (409)', async () => {
    const user = await createUser(t.database);
    const { agent, secret } = await enrolMfa(t, user);
    const bodies: string[] = [];
    const again = await agent.post('/me/mfa/setup', { password: user.password });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'mfa_already_enabled' });
    const enableAgain = await agent.post('/me/mfa/enable', { code: codeFor(secret, t) });
    expect(enableAgain.statusCode).toBe(409);
    bodies.push(again.body, enableAgain.body);
    for (const url of ['/me/mfa', '/me', '/me/settings']) bodies.push((await agent.get(url)).body);
    const challenge = await passwordStep(t, user);
    const login = await t.app.inject({
      method: 'POST',
      url: '/auth/login/mfa',
      payload: { challenge, code: codeFor(secret, t) },
    });
    expect(login.statusCode).toBe(200);
    bodies.push(login.body);
    const admin = await signedIn(t.app, await createUser(t.database, { role: 'admin' }));
    bodies.push(
      (await admin.get('/admin/audits?pageSize=100')).body,
      (await admin.get('/admin/users?pageSize=100')).body,
    );
    for (const body of bodies) {
      expect(body).not.toContain(secret);
      expect(body).not.toMatch(/otpauth|secret_?encrypted/i);
    }
  });

  it('refuses to confirm an enrolment started more than 15 minutes ago (409 mfa_setup_missing)', async () => {
    const user = await createUser(t.database);
    const agent = await signedIn(t.app, user);
    const { secret } = (await agent.post('/me/mfa/setup', { password: user.password })).json<{ secret: string }>();
    t.clock.advance(15 * 60_000 + 1_000);
    await agent.login(); // the access token has expired too
    const res = await agent.post('/me/mfa/enable', { code: codeFor(secret, t) });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'mfa_setup_missing' });
    expect((await agent.post('/me/mfa/enable', { code: '123456' })).statusCode).toBe(409);
  });

  it('keeps only the latest pending secret: a code of the replaced one does not confirm', async () => {
    const user = await createUser(t.database);
    const agent = await signedIn(t.app, user);
    const first = (await agent.post('/me/mfa/setup', { password: user.password })).json<{ secret: string }>();
    const second = (await agent.post('/me/mfa/setup', { password: user.password })).json<{ secret: string }>();
    expect(second.secret).not.toBe(first.secret);
    expect((await agent.post('/me/mfa/enable', { code: codeFor(first.secret, t) })).statusCode).toBe(403);
    expect((await agent.post('/me/mfa/enable', { code: codeFor(second.secret, t) })).statusCode).toBe(200);
  });
});

describe('turning two-factor authentication off, and new recovery codes', () => {
  let t: TestContext;
  let user: TestUser;
  beforeAll(async () => {
    // A one-minute throttling window: the test can wait it out within the access token's lifetime.
    t = await createTestApp({ now: '2026-03-02T10:00:00Z', env: { LOGIN_RATE_WINDOW_MS: '60000' } });
  });
  afterAll(() => t.close());

  it('POST /me/mfa/disable needs the password and a code: each wrong one → 403, audited, still on', async () => {
    user = await createUser(t.database);
    const { agent, secret } = await enrolMfa(t, user);
    const noPassword = await agent.post('/me/mfa/disable', { password: 'wrong password', code: codeFor(secret, t) });
    expect(noPassword.statusCode).toBe(403);
    expect(noPassword.json()).toMatchObject({ code: 'wrong_password' });
    const noCode = await agent.post('/me/mfa/disable', { password: user.password, code: '000000' });
    expect(noCode.statusCode).toBe(403);
    expect(noCode.json()).toMatchObject({ code: 'wrong_mfa_code' });
    const missing = await agent.post('/me/mfa/disable', { password: user.password });
    expect(missing.statusCode).toBe(400);
    expect((await agent.get('/me/mfa')).json()).toMatchObject({ enabled: true });
    const failures = (await auditsOf(t, user.id)).filter((a) => a.action === 'authn_mfa_disable');
    expect(failures).toEqual([
      { action: 'authn_mfa_disable', outcome: 'failure', reason: 'wrong_password' },
      { action: 'authn_mfa_disable', outcome: 'failure', reason: 'wrong_code' },
    ]);

    const res = await agent.post('/me/mfa/disable', { password: user.password, code: codeFor(secret, t) });
    expect(res.statusCode).toBe(204);
    expect((await agent.get('/me/mfa')).json()).toEqual({ enabled: false, enabledAt: null, recoveryCodesRemaining: 0 });
    for (const table of ['user_mfa', 'mfa_recovery_codes', 'mfa_challenges'])
      expect(await rows(t.database, `select 1 from ${table} where user_id = '${user.id}'`)).toHaveLength(0);
    const login = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: user.email, password: user.password },
    });
    expect(login.json()).toHaveProperty('user');
    expect((await auditsOf(t, user.id)).at(-1)).toEqual({
      action: 'authn_mfa_disable',
      outcome: 'success',
      reason: null,
    });
    // Off already: 409.
    expect((await agent.post('/me/mfa/disable', { password: user.password, code: '123456' })).statusCode).toBe(409);
  });

  it('accepts a recovery code instead of the app (a lost phone), and spends it', async () => {
    const other = await createUser(t.database);
    const { agent, recoveryCodes } = await enrolMfa(t, other);
    const res = await agent.post('/me/mfa/disable', {
      password: other.password,
      code: recoveryCodes[3]!.toUpperCase(),
    });
    expect(res.statusCode).toBe(204);
    const used = await rows(
      t.database,
      `select 1 from audits where actor_id = '${other.id}' and action = 'authn_mfa_recovery_code_used'`,
    );
    expect(used).toHaveLength(1);
  });

  it('POST /me/mfa/recovery-codes replaces the codes after re-authentication; the old ones stop working', async () => {
    const owner = await createUser(t.database);
    const { agent, secret, recoveryCodes: old } = await enrolMfa(t, owner);
    expect(
      (await agent.post('/me/mfa/recovery-codes', { password: 'nope', code: codeFor(secret, t) })).statusCode,
    ).toBe(403);
    const res = await agent.post('/me/mfa/recovery-codes', { password: owner.password, code: codeFor(secret, t) });
    expect(res.statusCode).toBe(200);
    const fresh = res.json<{ recoveryCodes: string[] }>().recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect(fresh.filter((c) => old.includes(c))).toEqual([]);
    expect((await agent.get('/me/mfa')).json()).toMatchObject({ recoveryCodesRemaining: 10 });

    const oldCode = await t.app.inject({
      method: 'POST',
      url: '/auth/login/mfa',
      payload: { challenge: await passwordStep(t, owner), code: old[0] },
    });
    expect(oldCode.statusCode).toBe(401);
    const newCode = await t.app.inject({
      method: 'POST',
      url: '/auth/login/mfa',
      payload: { challenge: await passwordStep(t, owner), code: fresh[0] },
    });
    expect(newCode.statusCode).toBe(200);
    expect((await agent.get('/me/mfa')).json()).toMatchObject({ recoveryCodesRemaining: 9 });
    expect((await auditsOf(t, owner.id)).map((a) => `${a.action}:${a.outcome}`)).toEqual(
      expect.arrayContaining([
        'authn_mfa_recovery_codes_regenerate:failure',
        'authn_mfa_recovery_codes_regenerate:success',
        'authn_mfa_recovery_code_used:success',
      ]),
    );
  });

  it('refuses a stolen session that guesses codes: 429 after MFA_RATE_MAX wrong ones', async () => {
    t.clock.advance(t.env.LOGIN_RATE_WINDOW_MS + 1_000); // a fresh window for the address
    const owner = await createUser(t.database);
    const { agent, secret } = await enrolMfa(t, owner);
    for (let i = 0; i < t.env.MFA_RATE_MAX; i++)
      expect(
        (await agent.post('/me/mfa/disable', { password: owner.password, code: String(100000 + i) })).statusCode,
      ).toBe(403);
    const refused = await agent.post('/me/mfa/disable', { password: owner.password, code: codeFor(secret, t) });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await agent.get('/me/mfa')).json()).toMatchObject({ enabled: true });
    t.clock.advance(t.env.LOGIN_RATE_WINDOW_MS + 1_000);
    expect(
      (await agent.post('/me/mfa/disable', { password: owner.password, code: codeFor(secret, t) })).statusCode,
    ).toBe(204);
  });
});
