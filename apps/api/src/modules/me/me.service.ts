import type { FastifyInstance } from 'fastify';
import type { ProfilePatch } from '@ct/contracts';
import { AppError, notFound } from '../../lib/errors.ts';
import type { RequestContext } from '../../lib/request-context.ts';
import { recordAudit } from '../audits/index.ts';
import { assertPasswordAllowed } from '../auth/index.ts';
import { hashPassword, verifyPassword } from '../auth/index.ts';
import { announceRevokedSessions } from '../auth/index.ts';
import { revokeUserSessions } from '../auth/index.ts';
import * as usersRepo from '../users/index.ts';

export function createMeService(app: FastifyInstance) {
  const { db, clock } = app;
  return {
    async get(userId: string) {
      const user = await usersRepo.findUserById(db, userId);
      if (!user) throw notFound('User');
      return user;
    },

    async updateProfile(userId: string, patch: ProfilePatch) {
      const user = await usersRepo.updateUser(db, userId, patch);
      if (!user) throw notFound('User');
      return user;
    },

    /**
     * Needs the current password, and a new one the password policy accepts (400 with its code
     * otherwise, nothing written); every other session of the user is revoked.
     */
    async changePassword(userId: string, sessionId: string, current: string, next: string, ctx: RequestContext) {
      const user = await usersRepo.findUserById(db, userId);
      if (!user) throw notFound('User');
      if (!(await verifyPassword(user.passwordHash, current))) {
        await recordAudit(
          db,
          {
            actorId: userId,
            action: 'authn_password_change',
            targetType: 'user',
            targetId: userId,
            outcome: 'failure',
          },
          ctx,
        );
        throw new AppError('wrong_password', 'The current password is incorrect', [
          { path: 'currentPassword', message: 'Incorrect password' },
        ]);
      }
      await assertPasswordAllowed(
        next,
        { email: user.email, name: user.name, currentPassword: current },
        'body.newPassword',
      );
      const passwordHash = await hashPassword(next);
      const revoked = await db.transaction(async (tx) => {
        await usersRepo.updateUser(tx, userId, { passwordHash });
        const rows = await revokeUserSessions(tx, userId, 'password_change', clock.now(), sessionId);
        await recordAudit(
          tx,
          {
            actorId: userId,
            action: 'authn_password_change',
            targetType: 'user',
            targetId: userId,
            meta: { revokedSessions: rows.length },
          },
          ctx,
        );
        return rows;
      });
      await announceRevokedSessions(app.events, userId, revoked);
      return revoked.length;
    },

    /** "Sign out other sessions" from the settings page. */
    async revokeOtherSessions(userId: string, sessionId: string, ctx: RequestContext) {
      const revoked = await db.transaction(async (tx) => {
        const rows = await revokeUserSessions(tx, userId, 'signed_out_elsewhere', clock.now(), sessionId);
        await recordAudit(
          tx,
          {
            actorId: userId,
            action: 'session_revoke_others',
            targetType: 'user',
            targetId: userId,
            meta: { revokedSessions: rows.length },
          },
          ctx,
        );
        return rows;
      });
      await announceRevokedSessions(app.events, userId, revoked);
      return revoked.length;
    },
  };
}
