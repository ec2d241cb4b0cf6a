import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { Agent, cookiesOf, signedIn } from '../helpers/client.ts';
import { rows, snapshotTables } from '../helpers/db-state.ts';
import { createUser, type TestUser } from '../helpers/factories.ts';
import { codeFor, codeStep, enrolMfa, passwordStep } from '../mfa/helpers.ts';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const resetUrl = (id: string) => `/admin/users/${id}/mfa/reset`;

/** Rows of the user's 2FA tables: secret, recovery codes, sign-ins waiting for a code. */
async function mfaRowsOf(t: TestContext, userId: string) {
  const [row] = await rows<{ secrets: string | number; codes: string | number; challenges: string | number }>(
    t.database,
    `select (select count(*) from user_mfa where user_id = '${userId}') as secrets,
            (select count(*) from mfa_recovery_codes where user_id = '${userId}') as codes,
            (select count(*) from mfa_challenges where user_id = '${userId}') as challenges`,
  );
  return { secrets: Number(row?.secrets), codes: Number(row?.codes), challenges: Number(row?.challenges) };
}

async function resetAudits(t: TestContext, userId: string) {
  return rows<{ actor_id: string; target_type: string; outcome: string; sessions: string; request_id: string }>(
    t.database,
    `select actor_id, target_type, outcome, meta->>'sessionsRevoked' as sessions, request_id
       from audits where action = 'user_mfa_reset' and target_id = '${userId}'`,
  );
}

async function listed(admin: Agent, user: TestUser) {
  const res = await admin.get(`/admin/users?q=${encodeURIComponent(user.email)}`);
  expect(res.statusCode, res.body).toBe(200);
  const [item] = res.json<{ items: { id: string; mfaEnabled: boolean }[] }>().items;
  expect(item?.id).toBe(user.id);
  return item!;
}

describe('POST /admin/users/:id/mfa/reset', () => {
  let t: TestContext;
  let admin: TestUser;
  let adminAgent: Agent;
  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T09:00:00Z' });
    admin = await createUser(t.database, { role: 'admin' });
    adminAgent = await signedIn(t.app, admin);
  });
  afterAll(() => t.close());

  it('removes the secret and recovery codes, revokes every session and audits it; the user then signs in with the password alone', async () => {
    const user = await createUser(t.database);
    const { agent: enrolled, recoveryCodes } = await enrolMfa(t, user);
    // A second session, opened through both sign-in steps, and a third sign-in left waiting for its code.
    const challenge = await passwordStep(t, user);
    const second = await codeStep(t, challenge, recoveryCodes[0]!);
    expect(second.statusCode, second.body).toBe(200);
    const secondCookies = cookiesOf(second);
    await passwordStep(t, user);
    expect(await mfaRowsOf(t, user.id)).toEqual({ secrets: 1, codes: 10, challenges: 2 });
    expect((await listed(adminAgent, user)).mfaEnabled).toBe(true);
    const oldRefreshToken = enrolled.cookies.ct_rt!;

    const res = await adminAgent.post(resetUrl(user.id));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: user.id,
      email: user.email,
      role: 'user',
      disabled: false,
      mfaEnabled: false,
    });

    expect(await mfaRowsOf(t, user.id)).toEqual({ secrets: 0, codes: 0, challenges: 0 });
    expect((await listed(adminAgent, user)).mfaEnabled).toBe(false);
    // The sessions opened before are gone: the access token no longer works, the refresh token is refused.
    expect((await enrolled.get('/me')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/me', cookies: secondCookies })).statusCode).toBe(401);
    const refresh = await t.app.inject({
      method: 'POST',
      url: '/auth/refresh',
      cookies: { ct_rt: oldRefreshToken },
      headers: { 'x-csrf-token': enrolled.csrf },
    });
    expect(refresh.statusCode, refresh.body).toBe(401);
    expect(refresh.headers['content-type']).toMatch(/^application\/problem\+json/);

    expect(await resetAudits(t, user.id)).toEqual([
      {
        actor_id: admin.id,
        target_type: 'user',
        outcome: 'success',
        sessions: '2',
        request_id: res.headers['x-request-id'],
      },
    ]);

    const login = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: user.email, password: user.password },
    });
    expect(login.statusCode, login.body).toBe(200);
    const session = login.json<{ mfaRequired?: boolean; user?: { id: string }; csrfToken?: string }>();
    expect(session.mfaRequired).toBeUndefined();
    expect(session.user?.id).toBe(user.id);
    expect(session.csrfToken).toBeTruthy();
    const fresh = await signedIn(t.app, user);
    expect((await fresh.get('/me/mfa')).json()).toMatchObject({ enabled: false, recoveryCodesRemaining: 0 });
  });

  it('lets the user enrol again after a reset, with a new secret', async () => {
    const user = await createUser(t.database);
    const first = await enrolMfa(t, user);
    expect((await adminAgent.post(resetUrl(user.id))).statusCode).toBe(200);
    const second = await enrolMfa(t, user);
    expect(second.secret).not.toBe(first.secret);
    const challenge = await passwordStep(t, user);
    // A recovery code of the first enrolment is worthless now; a code of the new secret works.
    expect((await codeStep(t, challenge, first.recoveryCodes[1]!)).statusCode).toBe(401);
    expect((await codeStep(t, challenge, codeFor(second.secret, t))).statusCode).toBe(200);
  });

  it('answers 409 problem+json for a user without 2FA (a pending enrolment included), changing nothing', async () => {
    const user = await createUser(t.database);
    const agent = await signedIn(t.app, user);
    const expectConflict = async () => {
      const before = await snapshotTables(t.database);
      const res = await adminAgent.post(resetUrl(user.id));
      expect(res.statusCode, res.body).toBe(409);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ status: 409, code: 'mfa_not_enabled' });
      expect(res.json<{ detail: string }>().detail).toMatch(/not turned two-factor authentication on/);
      // Not even an audit row: nothing happened.
      expect(await snapshotTables(t.database)).toEqual(before);
    };
    await expectConflict();
    expect((await agent.post('/me/mfa/setup', { password: user.password })).statusCode).toBe(200);
    await expectConflict();
    expect(await mfaRowsOf(t, user.id)).toMatchObject({ secrets: 1 });
    expect((await agent.get('/me')).statusCode).toBe(200);
  });

  it('answers 404 problem+json for an unknown user and 400 for an id that is not a uuid', async () => {
    const unknown = await adminAgent.post(resetUrl(UNKNOWN_ID));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(unknown.json()).toMatchObject({ status: 404, code: 'not_found' });
    const malformed = await adminAgent.post(resetUrl('not-a-uuid'));
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers 409 mfa_reset_self to an admin resetting their own 2FA (the settings ask for password and code)', async () => {
    const other = await createUser(t.database, { role: 'admin' });
    const { agent } = await enrolMfa(t, other);
    const res = await agent.post(resetUrl(other.id));
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({ code: 'mfa_reset_self' });
    expect(await mfaRowsOf(t, other.id)).toMatchObject({ secrets: 1, codes: 10 });
    expect((await agent.get('/me')).statusCode).toBe(200);
  });

  it('is refused to a plain user (403), without a session (401) and without the CSRF token (403); nothing changes', async () => {
    const user = await createUser(t.database);
    const { agent: victim } = await enrolMfa(t, user);
    const plain = await signedIn(t.app, await createUser(t.database));
    const before = await mfaRowsOf(t, user.id);

    const forbidden = await plain.post(resetUrl(user.id));
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toMatchObject({ status: 403, code: 'forbidden' });
    expect((await new Agent(t.app).post(resetUrl(user.id))).statusCode).toBe(401);
    const noCsrf = await adminAgent.request({ method: 'POST', url: resetUrl(user.id), csrf: null });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json()).toMatchObject({ code: 'csrf_failed' });
    const crossSite = await adminAgent.post(resetUrl(user.id), undefined, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.statusCode).toBe(403);

    expect(await mfaRowsOf(t, user.id)).toEqual(before);
    expect(await resetAudits(t, user.id)).toEqual([]);
    expect((await victim.get('/me')).statusCode).toBe(200);
  });
});
