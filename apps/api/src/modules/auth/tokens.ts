import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { ROLES, type Role } from '@ct/contracts/enums';

const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value);

const ISSUER = 'call-tracking';
const AUDIENCE = 'call-tracking-api';
const ALGORITHM = 'HS256';

export interface AccessClaims {
  sub: string;
  sid: string;
  role: Role;
}

/** Tokens whose signature and claims were verified, kept while they may still be valid (bounded). */
const VERIFIED_MAX = 10_000;

/**
 * Short-lived access JWT: HS256 only, issuer/audience/type pinned, `sid` names the session.
 *
 * A browser sends the same access token with every request for up to ACCESS_TTL_SECONDS, and jose
 * verifies HS256 through WebCrypto (an asynchronous job on the thread pool, ~0.1–0.4 ms here). So a
 * token that passed `jwtVerify` is remembered with its `nbf`/`exp`: the same string again skips the
 * signature and re-checks only the times. The session behind it is still read from the database on
 * every request (plugins/auth.ts), so logout and revocation keep taking effect at once.
 */
export class AccessTokens {
  private readonly key: Uint8Array;
  private readonly verified = new Map<string, { claims: AccessClaims; nbf: number; exp: number }>();

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  sign(claims: AccessClaims, now: Date): Promise<string> {
    const iat = Math.floor(now.getTime() / 1000);
    return new SignJWT({ sid: claims.sid, role: claims.role, typ: 'access' })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setNotBefore(iat)
      .setExpirationTime(iat + this.ttlSeconds)
      .setJti(randomBytes(12).toString('base64url'))
      .sign(this.key);
  }

  /** The claims of a valid access token, or null for anything forged, expired or of another kind. */
  async verify(token: string, now: Date): Promise<AccessClaims | null> {
    // jose's own rule, in whole seconds: valid while nbf <= now < exp.
    const seconds = Math.floor(now.getTime() / 1000);
    const known = this.verified.get(token);
    if (known) {
      if (known.nbf <= seconds && seconds < known.exp) return known.claims;
      this.verified.delete(token);
    }
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: ISSUER,
        audience: AUDIENCE,
        currentDate: now,
        requiredClaims: ['sub', 'sid', 'exp', 'iat', 'nbf'],
        typ: 'JWT',
      });
      if (payload.typ !== 'access' || typeof payload.sid !== 'string' || typeof payload.sub !== 'string') return null;
      if (!isRole(payload.role)) return null;
      const claims: AccessClaims = { sub: payload.sub, sid: payload.sid, role: payload.role };
      if (this.verified.size >= VERIFIED_MAX) this.verified.clear();
      this.verified.set(token, { claims, nbf: payload.nbf!, exp: payload.exp! });
      return claims;
    } catch (err) {
      if (err instanceof joseErrors.JOSEError || err instanceof TypeError) return null;
      throw err;
    }
  }
}

/** Opaque refresh token: 256 random bits; only its SHA-256 is stored. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Signed double-submit CSRF token bound to the session (OWASP): `nonce.hmac(secret, sid.nonce)`.
 * A token minted for another session, or altered, does not verify.
 */
export class CsrfTokens {
  constructor(private readonly secret: string) {}

  create(sessionId: string): string {
    const nonce = randomBytes(16).toString('base64url');
    return `${nonce}.${this.mac(sessionId, nonce)}`;
  }

  verify(token: string | undefined, sessionId: string): boolean {
    if (!token || token.length > 200) return false;
    const [nonce, mac, extra] = token.split('.');
    if (!nonce || !mac || extra !== undefined) return false;
    const expected = Buffer.from(this.mac(sessionId, nonce));
    const given = Buffer.from(mac);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private mac(sessionId: string, nonce: string): string {
    return createHmac('sha256', this.secret).update(`csrf.${sessionId}.${nonce}`).digest('base64url');
  }
}
