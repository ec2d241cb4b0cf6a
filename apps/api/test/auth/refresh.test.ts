import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { cookiesOf, signedIn, type Agent } from '../helpers/client.ts';
import { rows } from '../helpers/db-state.ts';
import { createUser, type TestUser } from '../helpers/factories.ts';

const DAY = 86_400_000;

/** Live refresh tokens of a session: not yet used, in a session not revoked. */
async function liveTokens(t: TestContext, sessionId: string) {
  const [row] = await rows<{ n: string | number }>(
    t.database,
    `select count(*) as n from refresh_tokens rt join sessions s on s.id = rt.session_id
      where s.id = '${sessionId}' and rt.used_at is null and s.revoked_at is null`,
  );
  return Number(row?.n);
}

/** The session of an agent's current refresh token (the clock is frozen, so created_at cannot tell). */
async function sessionOf(t: TestContext, agent: Agent) {
  const digest = createHash('sha256').update(agent.cookies.ct_rt!).digest('hex');
  const [row] = await rows<{ id: string }>(
    t.database,
    `select session_id as id from refresh_tokens where token_hash = '${digest}'`,
  );
  return row!.id;
}

/** POST /auth/refresh with exactly these cookies (not the agent's jar). */
function refreshWith(t: TestContext, agent: Agent, refreshToken: string) {
  return t.app.inject({
    method: 'POST',
    url: '/auth/refresh',
    cookies: { ct_rt: refreshToken },
    headers: { 'x-csrf-token': agent.csrf },
  });
}

describe('POST /auth/refresh', () => {
  let t: TestContext;
  let user: TestUser;
  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T09:00:00Z' });
    user = await createUser(t.database);
  });
  afterAll(() => t.close());

  it('rotates the refresh token and issues a working access token and a new CSRF token', async () => {
    const agent = await signedIn(t.app, user);
    const rt1 = agent.cookies.ct_rt!;
    const at1 = agent.cookies.ct_at!;
    t.clock.advance(60_000);
    const res = await agent.post('/auth/refresh');
    expect(res.statusCode).toBe(200);
    const { csrfToken } = res.json<{ csrfToken: string }>();
    expect(agent.cookies.ct_rt).not.toBe(rt1);
    expect(agent.cookies.ct_at).not.toBe(at1);
    expect(cookiesOf(res).csrf_token).toBe(csrfToken);
    agent.csrf = csrfToken;
    expect((await agent.get('/me')).statusCode).toBe(200);
    expect((await agent.patch('/me', { name: 'Rotated' })).statusCode).toBe(200);
  });

  it('treats a replayed rotated token as theft: 401, cookies cleared, the whole family revoked and audited', async () => {
    const agent = await signedIn(t.app, user);
    const sessionId = await sessionOf(t, agent);
    const rt1 = agent.cookies.ct_rt!;
    expect((await agent.post('/auth/refresh')).statusCode).toBe(200);
    const rt2 = agent.cookies.ct_rt!;
    expect(rt2).not.toBe(rt1);
    expect((await agent.get('/me')).statusCode).toBe(200);

    const replay = await refreshWith(t, agent, rt1);
    expect(replay.statusCode).toBe(401);
    expect(replay.headers['content-type']).toMatch(/^application\/problem\+json/);
    const cleared = cookiesOf(replay);
    expect(cleared).toEqual({ ct_at: '', ct_rt: '', csrf_token: '' });

    expect((await refreshWith(t, agent, rt2)).statusCode).toBe(401);
    expect((await agent.get('/me')).statusCode).toBe(401);
    const audits = await rows<{ target_id: string; outcome: string; family: string }>(
      t.database,
      `select target_id, outcome, meta->>'family' as family from audits where action = 'authn_token_reuse' and actor_id = '${user.id}'`,
    );
    expect(audits).toEqual([{ target_id: sessionId, outcome: 'failure', family: sessionId }]);
  });

  it('lets exactly one of 20 parallel refreshes with the same token through, and leaves no live token (strict policy)', async () => {
    // Policy: no grace window. A second use of a token — even a concurrent duplicate — is reuse, so the
    // family is revoked; the web client serialises refreshes (one in flight, Web Locks across tabs).
    const agent = await signedIn(t.app, user);
    const sessionId = await sessionOf(t, agent);
    const token = agent.cookies.ct_rt!;
    const results = await Promise.all(Array.from({ length: 20 }, () => refreshWith(t, agent, token)));
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 401)).toBe(true);
    expect(await liveTokens(t, sessionId)).toBeLessThanOrEqual(1);
    expect(await liveTokens(t, sessionId)).toBe(0);
    const [audit] = await rows<{ n: string | number }>(
      t.database,
      `select count(*) as n from audits where action = 'authn_token_reuse' and target_id = '${sessionId}'`,
    );
    expect(Number(audit?.n)).toBe(1);
  });

  it('refuses a refresh without the CSRF token (403) and does not consume the token', async () => {
    const agent = await signedIn(t.app, user);
    const sessionId = await sessionOf(t, agent);
    const res = await agent.request({ method: 'POST', url: '/auth/refresh', csrf: null });
    expect(res.statusCode).toBe(403);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(await liveTokens(t, sessionId)).toBe(1);
    expect((await agent.post('/auth/refresh')).statusCode).toBe(200);
  });

  it('answers 401 for an unknown or absent refresh token', async () => {
    const agent = await signedIn(t.app, user);
    expect((await refreshWith(t, agent, 'x'.repeat(43))).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/auth/refresh' })).statusCode).toBe(401);
  });
});

describe('session lifetimes', () => {
  let t: TestContext;
  let user: TestUser;
  beforeAll(async () => {
    t = await createTestApp({
      now: '2026-03-02T09:00:00Z',
      env: { REFRESH_IDLE_DAYS: '7', REFRESH_ABSOLUTE_DAYS: '30', ACCESS_TTL_SECONDS: '900' },
    });
    user = await createUser(t.database);
  });
  afterAll(() => t.close());

  it('accepts the access token until its TTL and answers 401 after it', async () => {
    const agent = await signedIn(t.app, user);
    t.clock.advance(899_000);
    expect((await agent.get('/me')).statusCode).toBe(200);
    t.clock.advance(2_000);
    expect((await agent.get('/me')).statusCode).toBe(401);
    expect((await agent.post('/auth/refresh')).statusCode).toBe(200);
    expect((await agent.get('/me')).statusCode).toBe(200);
  });

  it('ends a session left idle longer than the idle limit', async () => {
    const agent = await signedIn(t.app, user);
    t.clock.advance(6 * DAY);
    expect((await agent.post('/auth/refresh')).statusCode).toBe(200);
    t.clock.advance(7 * DAY + 1_000);
    const res = await agent.post('/auth/refresh');
    expect(res.statusCode).toBe(401);
    expect(agent.cookies.ct_rt).toBeUndefined();
  });

  it('ends a session at its absolute lifetime even when refreshed every 5 days', async () => {
    const agent = await signedIn(t.app, user);
    for (let day = 5; day < 30; day += 5) {
      t.clock.advance(5 * DAY);
      const res = await agent.post('/auth/refresh');
      expect(res.statusCode, `refresh on day ${day}`).toBe(200);
      agent.csrf = res.json<{ csrfToken: string }>().csrfToken;
    }
    t.clock.advance(5 * DAY);
    expect((await agent.post('/auth/refresh')).statusCode).toBe(401);
    expect((await agent.get('/me')).statusCode).toBe(401);
  });
});
