import type { FastifyInstance } from 'fastify';
import type { TeamRole } from '@ct/contracts';
import { AppError, notFound } from '../../lib/errors.ts';
import type { RequestContext } from '../../lib/request-context.ts';
import { recordAudit } from '../audits/index.ts';
import { handOverTeamWorkOf, releaseLeasesOf } from '../calls/index.ts';
import { findUserByEmail, findUserById } from '../users/index.ts';
import { canManageTeam, manageableTeam, teamAccess, type Viewer } from './team-access.ts';
import * as teamsRepo from './teams.repository.ts';

const nameTaken = () =>
  new AppError('team_name_taken', 'A team with this name already exists', [
    { path: 'name', message: 'Already in use' },
  ]);

export function createTeamsService(app: FastifyInstance) {
  const { db } = app;

  /** Teams with their members, as `viewer` sees them. */
  async function present(viewer: Viewer, rows: teamsRepo.TeamRow[]) {
    const members = await teamsRepo.listMembers(
      db,
      rows.map((t) => t.id),
    );
    return rows.map((team) => {
      const own = members.filter((m) => m.teamId === team.id);
      const myRole = own.find((m) => m.userId === viewer.userId)?.role ?? null;
      return { team, members: own, myRole, canManage: canManageTeam(viewer, myRole) };
    });
  }

  return {
    async list(viewer: Viewer) {
      const rows =
        viewer.role === 'admin'
          ? await teamsRepo.listAllTeams(db)
          : await teamsRepo.listTeamsOfMember(db, viewer.userId);
      return present(viewer, rows);
    },

    async get(viewer: Viewer, id: string) {
      const { team } = await teamAccess(db, viewer, id);
      const [view] = await present(viewer, [team]);
      return view!;
    },

    async create(viewer: Viewer, name: string, ctx: RequestContext) {
      const team = await db.transaction(async (tx) => {
        const row = await teamsRepo.createTeam(tx, name);
        if (!row) throw nameTaken();
        await recordAudit(
          tx,
          { actorId: viewer.userId, action: 'team_created', targetType: 'team', targetId: row.id, meta: { name } },
          ctx,
        );
        return row;
      });
      const [view] = await present(viewer, [team]);
      return view!;
    },

    async rename(viewer: Viewer, id: string, name: string, ctx: RequestContext) {
      const team = await db.transaction(async (tx) => {
        const { team: before } = await manageableTeam(tx, viewer, id);
        const row = await teamsRepo.renameTeam(tx, id, name);
        if (!row) throw nameTaken();
        await recordAudit(
          tx,
          {
            actorId: viewer.userId,
            action: 'team_renamed',
            targetType: 'team',
            targetId: id,
            meta: { from: before.name, to: name },
          },
          ctx,
        );
        return row;
      });
      const [view] = await present(viewer, [team]);
      return view!;
    },

    /** Adds a member or changes the role of one already in the team. The user must be an active account. */
    /**
     * The active account with this exact e-mail, for the team's manager to add: an admin browses every
     * account (the admin users API); a manager who leads the team finds a colleague this way only.
     */
    async candidates(viewer: Viewer, id: string, email: string) {
      await manageableTeam(db, viewer, id);
      const user = await findUserByEmail(db, email);
      if (!user || user.disabled || (await teamsRepo.memberRole(db, id, user.id)) !== null) return [];
      return [{ userId: user.id, name: user.name, email: user.email }];
    },

    async putMember(viewer: Viewer, id: string, userId: string, role: TeamRole, ctx: RequestContext) {
      await db.transaction(async (tx) => {
        await manageableTeam(tx, viewer, id);
        const user = await findUserById(tx, userId);
        if (!user || user.disabled)
          throw new AppError('validation_failed', 'No active user with this id', [
            { path: 'userId', message: 'No active user with this id' },
          ]);
        const before = await teamsRepo.upsertMember(tx, id, userId, role);
        if (before === role) return;
        await recordAudit(
          tx,
          before === null
            ? {
                actorId: viewer.userId,
                action: 'team_member_added',
                targetType: 'team',
                targetId: id,
                meta: { userId, role },
              }
            : {
                actorId: viewer.userId,
                action: 'team_member_role_changed',
                targetType: 'team',
                targetId: id,
                meta: { userId, from: before, to: role },
              },
          ctx,
        );
      });
      return this.get(viewer, id);
    },

    /**
     * Removes a member. The contacts they had claimed on the team's lists go back to the queue at
     * once, the calls assigned to them are anyone's again, and their open reminders on the team's
     * calls (which they no longer see) go to each call's owner: nothing is dropped, all is audited.
     */
    async removeMember(viewer: Viewer, id: string, userId: string, ctx: RequestContext) {
      const lists = await db.transaction(async (tx) => {
        await manageableTeam(tx, viewer, id);
        if (!(await teamsRepo.removeMember(tx, id, userId))) throw notFound('Member');
        const leases = await releaseLeasesOf(tx, userId, id);
        const handedOver = await handOverTeamWorkOf(tx, userId, id);
        await recordAudit(
          tx,
          {
            actorId: viewer.userId,
            action: 'team_member_removed',
            targetType: 'team',
            targetId: id,
            meta: {
              userId,
              releasedLeases: leases.released,
              unassignedCalls: handedOver.unassigned,
              handedOverReminders: handedOver.reminders,
            },
          },
          ctx,
        );
        return leases.lists;
      });
      for (const payload of lists) await app.events.emit('list.presence', payload);
    },
  };
}
