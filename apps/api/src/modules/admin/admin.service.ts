import type { FastifyInstance } from 'fastify';
import type { Role } from '@ct/contracts';
import { AppError, notFound } from '../../lib/errors.ts';
import { recordAudit, type RequestContext } from '../audits/audit.repository.ts';
import { hashPassword } from '../auth/passwords.ts';
import { revokeUserSessions } from '../auth/session.repository.ts';
import * as usersRepo from '../auth/user.repository.ts';

export function createAdminService(app: FastifyInstance) {
  const { db, clock } = app;
  return {
    list: (q: string | undefined, page: number, pageSize: number) => usersRepo.listUsers(db, { q, page, pageSize }),

    async create(
      actorId: string,
      input: { email: string; name: string; password: string; role: Role },
      ctx: RequestContext,
    ) {
      const passwordHash = await hashPassword(input.password);
      return db.transaction(async (tx) => {
        const user = await usersRepo.createUser(tx, {
          email: input.email,
          name: input.name,
          passwordHash,
          role: input.role,
        });
        if (!user)
          throw new AppError('email_taken', 'A user with this email already exists', [
            { path: 'email', message: 'Already in use' },
          ]);
        await recordAudit(
          tx,
          { actorId, action: 'user_created', targetType: 'user', targetId: user.id, meta: { role: input.role } },
          ctx,
        );
        return user;
      });
    },

    /**
     * Role and disabled changes; disabling or demoting revokes the user's sessions in the same
     * transaction. The last active admin can be neither demoted nor disabled.
     */
    async update(
      actorId: string,
      id: string,
      patch: { role?: Role | undefined; disabled?: boolean | undefined; name?: string | undefined },
      ctx: RequestContext,
    ) {
      const { user, revoked } = await db.transaction(async (tx) => {
        const before = await usersRepo.findUserById(tx, id);
        if (!before) throw notFound('User');
        const losesAdmin =
          before.role === 'admin' && !before.disabled && (patch.role === 'user' || patch.disabled === true);
        if (losesAdmin && (await usersRepo.countActiveAdmins(tx, id)) === 0) {
          throw new AppError('last_admin', 'At least one active admin must remain');
        }
        const user = await usersRepo.updateUser(tx, id, patch);
        if (!user) throw notFound('User');
        const mustRevoke =
          (patch.disabled === true && !before.disabled) || (patch.role !== undefined && patch.role !== before.role);
        const revoked = mustRevoke
          ? await revokeUserSessions(tx, id, patch.disabled ? 'user_disabled' : 'role_changed', clock.now())
          : [];
        if (patch.role !== undefined && patch.role !== before.role) {
          await recordAudit(
            tx,
            {
              actorId,
              action: 'user_role_changed',
              targetType: 'user',
              targetId: id,
              meta: { from: before.role, to: patch.role },
            },
            ctx,
          );
        }
        if (patch.disabled !== undefined && patch.disabled !== before.disabled) {
          await recordAudit(
            tx,
            { actorId, action: patch.disabled ? 'user_disabled' : 'user_enabled', targetType: 'user', targetId: id },
            ctx,
          );
        }
        return { user, revoked };
      });
      for (const row of revoked) await app.events.emit('session.revoked', { userId: id, sessionId: row.id });
      return user;
    },
  };
}
