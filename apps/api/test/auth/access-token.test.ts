import { createHash } from 'node:crypto';
import { SignJWT, UnsecuredJWT, decodeJwt, generateKeyPair, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { signedIn, type Agent } from '../helpers/client.ts';
import { rows } from '../helpers/db-state.ts';
import { createUser, type TestUser } from '../helpers/factories.ts';

/**
 * GET /me with a hand-made access cookie: every token the API did not mint for a live session, or minted
 * for another purpose, must get 401 — and only then does the genuine one get 200.
 */
describe('access token verification (GET /me)', () => {
  let t: TestContext;
  let user: TestUser;
  let agent: Agent;
  let claims: JWTPayload & { sid: string; role: string };
  let key: Uint8Array;
  let nowSeconds: number;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T09:00:00Z' });
    user = await createUser(t.database);
    agent = await signedIn(t.app, user);
    claims = decodeJwt(agent.cookies.ct_at!) as typeof claims;
    key = new TextEncoder().encode(t.env.jwtSecret);
    nowSeconds = Math.floor(t.clock.now().getTime() / 1000);
  });
  afterAll(() => t.close());

  /** A token like the API's, with some parts changed. */
  function forge(
    overrides: {
      payload?: Record<string, unknown>;
      alg?: string;
      iss?: string;
      aud?: string;
      iat?: number;
      nbf?: number;
      exp?: number;
      header?: Record<string, unknown>;
    } = {},
    signingKey: Uint8Array = key,
  ) {
    const iat = overrides.iat ?? nowSeconds;
    return new SignJWT({ sid: claims.sid, role: claims.role, typ: 'access', ...overrides.payload })
      .setProtectedHeader({ alg: overrides.alg ?? 'HS256', typ: 'JWT', ...overrides.header })
      .setSubject(claims.sub!)
      .setIssuer(overrides.iss ?? claims.iss!)
      .setAudience(overrides.aud ?? (claims.aud as string))
      .setIssuedAt(iat)
      .setNotBefore(overrides.nbf ?? iat)
      .setExpirationTime(overrides.exp ?? iat + 900)
      .sign(signingKey);
  }

  const meWith = (token: string) => t.app.inject({ method: 'GET', url: '/me', cookies: { ct_at: token } });

  it('accepts the genuine token and a faithful re-signing of it', async () => {
    expect((await meWith(agent.cookies.ct_at!)).statusCode).toBe(200);
    expect((await meWith(await forge())).statusCode).toBe(200);
  });

  it.each([
    [
      'alg none',
      async () =>
        new UnsecuredJWT({
          sub: claims.sub,
          sid: claims.sid,
          role: 'admin',
          typ: 'access',
          iss: claims.iss,
          aud: claims.aud,
        })
          .setIssuedAt()
          .setExpirationTime('10m')
          .encode(),
    ],
    ['a wrong key', async () => forge({}, new TextEncoder().encode('another-secret-another-secret-another-secret'))],
    ['another HMAC algorithm (HS512) with the right key', async () => forge({ alg: 'HS512' })],
    ['an expired token', async () => forge({ iat: nowSeconds - 1000, exp: nowSeconds - 100 })],
    ['a not-before in the future', async () => forge({ nbf: nowSeconds + 600 })],
    ['a wrong audience', async () => forge({ aud: 'another-api' })],
    ['a wrong issuer', async () => forge({ iss: 'someone-else' })],
    ['typ refresh', async () => forge({ payload: { typ: 'refresh' } })],
    ['no typ claim', async () => forge({ payload: { typ: undefined } })],
    ['a header typ other than JWT', async () => forge({ header: { typ: 'at+jwt' } })],
    ['an unknown role', async () => forge({ payload: { role: 'superuser' } })],
    [
      'a session id that does not exist',
      async () => forge({ payload: { sid: '00000000-0000-4000-8000-000000000000' } }),
    ],
    ['a truncated signature', async () => agent.cookies.ct_at!.slice(0, -4)],
    ['the refresh token value', async () => agent.cookies.ct_rt!],
    ['garbage', async () => 'not-a-jwt'],
  ])('answers 401 for %s', async (_name, make) => {
    const res = await meWith(await make());
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ status: 401, code: 'unauthenticated' });
  });

  it('answers 401 for an RS256 token whatever its claims', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT({ sid: claims.sid, role: claims.role, typ: 'access' })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .setSubject(claims.sub!)
      .setIssuer(claims.iss!)
      .setAudience(claims.aud as string)
      .setIssuedAt(nowSeconds)
      .setExpirationTime(nowSeconds + 900)
      .sign(privateKey);
    expect((await meWith(token)).statusCode).toBe(401);
  });

  it("answers 401 for a validly signed token naming another user's session", async () => {
    const other = await createUser(t.database);
    const otherAgent = await signedIn(t.app, other);
    const digest = createHash('sha256').update(otherAgent.cookies.ct_rt!).digest('hex');
    const [row] = await rows<{ id: string }>(
      t.database,
      `select session_id as id from refresh_tokens where token_hash = '${digest}'`,
    );
    expect((await meWith(await forge({ payload: { sid: row!.id } }))).statusCode).toBe(401);
  });

  it('ignores the role claim: a user token claiming admin is still a user', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/admin/users',
      cookies: { ct_at: await forge({ payload: { role: 'admin' } }) },
    });
    expect(res.statusCode).toBe(403);
  });
});
