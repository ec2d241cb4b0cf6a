import type { FastifyInstance } from 'fastify';
import type { Role } from '@ct/contracts';
import { AppError, notFound } from '../../lib/errors.ts';
import type { RequestContext } from '../../lib/request-context.ts';
import { recordAudit } from '../audits/index.ts';
import { assertPasswordAllowed, announceRevokedSessions, hashPassword, revokeUserSessions } from '../auth/index.ts';
import { handOverTeamWorkOf, releaseLeasesOf } from '../calls/index.ts';
import * as usersRepo from '../users/index.ts';
import * as mfaRepo from '../mfa/index.ts';

export function createAdminService(app: FastifyInstance) {
  const { db, clock } = app;

  /** The users with whether each has 2FA on (what the admin user view shows). */
  async function withMfa(rows: usersRepo.UserRow[]) {
    const enabled = await mfaRepo.findUsersWithMfa(
      db,
      rows.map((r) => r.id),
    );
    return rows.map((row) => ({ ...row, mfaEnabled: enabled.has(row.id) }));
  }

  return {
    async list(q: string | undefined, page: number, pageSize: number) {
      const { rows, total } = await usersRepo.listUsers(db, { q, page, pageSize });
      return { rows: await withMfa(rows), total };
    },

    /** The initial password goes through the password policy (400 with its code, nothing written). */
    async create(
      actorId: string,
      input: { email: string; name: string; password: string; role: Role },
      ctx: RequestContext,
    ) {
      await assertPasswordAllowed(input.password, { email: input.email, name: input.name }, 'body.password');
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
        return { ...user, mfaEnabled: false };
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
      const { user, revoked, released } = await db.transaction(async (tx) => {
        const before = await usersRepo.findUserById(tx, id);
        if (!before) throw notFound('User');
        const losesAdmin =
          before.role === 'admin' && !before.disabled && ((patch.role !== undefined && patch.role !== 'admin') || patch.disabled === true);
        if (losesAdmin && (await usersRepo.countActiveAdmins(tx, id)) === 0) {
          throw new AppError('last_admin', 'At least one active admin must remain');
        }
        const user = await usersRepo.updateUser(tx, id, patch);
        if (!user) throw notFound('User');
        const mustRevoke =
          (patch.disabled === true && !before.disabled) || (patch.role !== undefined && patch.role !== before.role);
        // A disabled caller's claimed contacts go back to their lists' queues at once, the team calls
        // assigned to them are anyone's again and their reminders on those go to the calls' owners.
        const disables = patch.disabled === true && !before.disabled;
        const released = disables ? (await releaseLeasesOf(tx, id)).lists : [];
        if (disables) await handOverTeamWorkOf(tx, id);
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
        return { user, revoked, released };
      });
      await announceRevokedSessions(app.events, id, revoked);
      for (const payload of released) await app.events.emit('list.presence', payload);
      return { ...user, mfaEnabled: (await mfaRepo.findUsersWithMfa(db, [id])).has(id) };
    },

    /**
     * For a user who lost both the authenticator and the recovery codes (decision 0025): removes the
     * secret, the recovery codes and pending sign-in challenges, and revokes every session, in one
     * transaction with its audit row. 409 when 2FA is off (nothing to reset, so nothing is revoked
     * either), and for the admin's own account, which keeps the password-and-code route of the settings.
     */
    async resetMfa(actorId: string, id: string, ctx: RequestContext) {
      if (id === actorId) {
        throw new AppError('mfa_reset_self', 'Turn your own two-factor authentication off in your settings');
      }
      const { user, revoked } = await db.transaction(async (tx) => {
        const user = await usersRepo.findUserById(tx, id);
        if (!user) throw notFound('User');
        if (!(await mfaRepo.deleteEnabledMfa(tx, id))) {
          throw new AppError('mfa_not_enabled', 'This user has not turned two-factor authentication on');
        }
        const revoked = await revokeUserSessions(tx, id, 'mfa_reset', clock.now());
        await recordAudit(
          tx,
          {
            actorId,
            action: 'user_mfa_reset',
            targetType: 'user',
            targetId: id,
            meta: { sessionsRevoked: revoked.length },
          },
          ctx,
        );
        return { user, revoked };
      });
      await announceRevokedSessions(app.events, id, revoked);
      return { ...user, mfaEnabled: false };
    },
  };
}
