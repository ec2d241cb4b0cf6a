import type { FastifyInstance } from 'fastify';
import { AppError } from '../../lib/errors.ts';
import type { RequestContext } from '../../lib/request-context.ts';
import { recordAudit } from '../audits/index.ts';
import { hashPassword, needsRehash, verifyPassword } from './passwords.ts';
import { hashToken, newRefreshToken } from './tokens.ts';
import * as sessionsRepo from './session.repository.ts';
import * as usersRepo from '../users/index.ts';

const DAY_MS = 86_400_000;

export interface IssuedSession {
  user: usersRepo.UserRow;
  sessionId: string;
  accessToken: string;
  refreshToken: string;
  csrfToken: string;
  refreshExpiresAt: Date;
}

/** Login, refresh-token rotation with reuse detection, logout (RFC 9700 §4.14.2). */
export function createAuthService(app: FastifyInstance) {
  const { db, clock, env } = app;

  async function issueTokens(
    user: usersRepo.UserRow,
    sessionId: string,
    refreshExpiresAt: Date,
    refreshToken: string,
  ): Promise<IssuedSession> {
    return {
      user,
      sessionId,
      refreshToken,
      refreshExpiresAt,
      accessToken: await app.tokens.access.sign({ sub: user.id, sid: sessionId, role: user.role }, clock.now()),
      csrfToken: app.tokens.csrf.create(sessionId),
    };
  }

  /** Opens a session (a new refresh-token family) for an authenticated user. */
  async function openSession(user: usersRepo.UserRow, ctx: RequestContext): Promise<IssuedSession> {
    const now = clock.now();
    const refreshToken = newRefreshToken();
    const expiresAt = new Date(now.getTime() + env.REFRESH_ABSOLUTE_DAYS * DAY_MS);
    const session = await db.transaction(async (tx) => {
      const created = await sessionsRepo.createSession(tx, {
        userId: user.id,
        expiresAt,
        now,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
      });
      await sessionsRepo.insertRefreshToken(tx, created.id, hashToken(refreshToken), now);
      await usersRepo.updateUser(tx, user.id, { lastLoginAt: now });
      await recordAudit(
        tx,
        { actorId: user.id, action: 'authn_login_success', targetType: 'session', targetId: created.id },
        ctx,
      );
      return created;
    });
    return issueTokens(user, session.id, expiresAt, refreshToken);
  }

  return {
    /**
     * The account behind an email and password, or a 401 that reads the same for an unknown email, a
     * wrong password and a disabled account. A hash made with weaker parameters is upgraded here.
     */
    async verifyCredentials(email: string, password: string, ctx: RequestContext): Promise<usersRepo.UserRow> {
      const user = await usersRepo.findUserByEmail(db, email);
      // Unknown emails still pay for an Argon2 verify, so timing does not tell which emails exist.
      const passwordOk = await verifyPassword(user?.passwordHash ?? null, password);
      if (!user || !passwordOk || user.disabled) {
        await recordAudit(
          db,
          {
            actorId: user?.id ?? null,
            action: 'authn_login_fail',
            targetType: 'user',
            targetId: user?.id ?? null,
            outcome: 'failure',
            meta: { reason: !user ? 'unknown_email' : user.disabled && passwordOk ? 'disabled' : 'wrong_password' },
          },
          ctx,
        );
        throw new AppError('invalid_credentials', 'Invalid email or password');
      }
      if (needsRehash(user.passwordHash)) {
        await usersRepo.updateUser(db, user.id, { passwordHash: await hashPassword(password) });
      }
      return user;
    },

    openSession,

    /**
     * The session at the end of a two-step sign-in: the account is read again, so one disabled while
     * its code was being typed is refused like a disabled account at the first step.
     */
    async openSessionFor(userId: string, ctx: RequestContext): Promise<IssuedSession> {
      const user = await usersRepo.findUserById(db, userId);
      if (!user || user.disabled) throw new AppError('invalid_credentials', 'Invalid email or password');
      return openSession(user, ctx);
    },

    /** The session a refresh token belongs to, without consuming it (for the CSRF check first). */
    async sessionOfRefreshToken(refreshToken: string | undefined): Promise<string | null> {
      if (!refreshToken || refreshToken.length > 128) return null;
      return (await sessionsRepo.findRefreshTokenSession(db, hashToken(refreshToken))) ?? null;
    },

    async refresh(refreshToken: string, ctx: RequestContext): Promise<IssuedSession> {
      const now = clock.now();
      const result = await db.transaction(async (tx) => {
        const consumed = await sessionsRepo.consumeRefreshToken(tx, hashToken(refreshToken), now);
        if (consumed.state === 'unknown') return { kind: 'invalid' as const };
        const found = await sessionsRepo.findSessionWithUser(tx, consumed.sessionId);
        if (!found) return { kind: 'invalid' as const };
        const { session, user } = found;
        if (consumed.state === 'reused') {
          // A rotated token came back: someone holds a copy. End the whole family.
          // Concurrent replays may all get here; only the one that actually revokes writes the audit row.
          if (!session.revokedAt && (await sessionsRepo.revokeSession(tx, session.id, 'token_reuse', now))) {
            await recordAudit(
              tx,
              {
                actorId: user.id,
                action: 'authn_token_reuse',
                targetType: 'session',
                targetId: session.id,
                outcome: 'failure',
                meta: { family: session.id },
              },
              ctx,
            );
          }
          return { kind: 'reused' as const, userId: user.id, sessionId: session.id };
        }
        const idleLimit = new Date(session.lastUsedAt.getTime() + env.REFRESH_IDLE_DAYS * DAY_MS);
        if (session.revokedAt || session.expiresAt <= now || idleLimit <= now || user.disabled)
          return { kind: 'invalid' as const };
        const next = newRefreshToken();
        await sessionsRepo.insertRefreshToken(tx, session.id, hashToken(next), now);
        await sessionsRepo.touchSession(tx, session.id, now);
        return { kind: 'ok' as const, user, session, next };
      });
      if (result.kind === 'reused') {
        await app.events.emit('session.revoked', { userId: result.userId, sessionId: result.sessionId });
        throw new AppError('session_expired', 'This session has been revoked');
      }
      if (result.kind === 'invalid') throw new AppError('session_expired', 'Session expired, sign in again');
      return issueTokens(result.user, result.session.id, result.session.expiresAt, result.next);
    },

    async logout(sessionId: string, ctx: RequestContext): Promise<void> {
      const found = await sessionsRepo.findSessionWithUser(db, sessionId);
      if (!found || found.session.revokedAt) return;
      const userId = found.user.id;
      await db.transaction(async (tx) => {
        await sessionsRepo.revokeSession(tx, sessionId, 'logout', clock.now());
        await recordAudit(
          tx,
          { actorId: userId, action: 'session_logout', targetType: 'session', targetId: sessionId },
          ctx,
        );
      });
      await app.events.emit('session.revoked', { userId, sessionId });
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
