import type { FastifyInstance } from 'fastify';
import { AppError, notFound } from '../../lib/errors.ts';
import type { RequestContext } from '../../lib/request-context.ts';
import { recordAudit, recordAudits } from '../audits/index.ts';
import * as calls from '../calls/index.ts';
import { CALL_LEASE_MINUTES } from '@ct/contracts/constants';
import { canEditTeamLists, listAllTeams, listTeamsOfMember, teamAccess, type Viewer } from '../teams/index.ts';
import * as listsRepo from './lists.repository.ts';

const nameTaken = () =>
  new AppError('list_name_taken', 'This team already has a list with this name', [
    { path: 'name', message: 'Already in use in this team' },
  ]);

export interface ListPatch {
  name?: string | undefined;
  cooldownMinutes?: number | undefined;
  maxAttempts?: number | undefined;
  archived?: boolean | undefined;
}

export function createListsService(app: FastifyInstance) {
  const { db, clock } = app;

  /** The list and what `viewer` may do with it; a list of a team they cannot see does not exist (404). */
  async function access(viewer: Viewer, id: string, executor = db) {
    const list = await listsRepo.findList(executor, id);
    if (!list) throw notFound('List');
    try {
      const team = await teamAccess(executor, viewer, list.teamId);
      return { list, canEdit: team.canEditLists };
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found') throw notFound('List');
      throw err;
    }
  }

  async function editable(viewer: Viewer, id: string, executor = db) {
    const found = await access(viewer, id, executor);
    if (!found.canEdit) throw new AppError('forbidden', 'Only a lead of this team or an admin can change its lists');
    return found;
  }

  async function withCounts(lists: { list: listsRepo.ListRow; canEdit: boolean }[]) {
    const counts = await calls.countListCalls(
      db,
      lists.map(({ list }) => ({ id: list.id, maxAttempts: list.maxAttempts })),
    );
    return lists.map((item) => ({ ...item, ...(counts.get(item.list.id) ?? { total: 0, remaining: 0 }) }));
  }

  /** The list, for claiming from it: only its team's members claim (404 otherwise), never on an archived list. */
  async function claimable(viewer: Viewer, id: string) {
    const list = await listsRepo.findListOfMember(db, id, viewer.userId);
    if (!list) throw notFound('List');
    if (list.archivedAt) throw new AppError('list_archived', 'An archived list hands out no contacts');
    return list;
  }

  return {
    /**
     * The next contact for `viewer`, leased for CALL_LEASE_MINUTES: the one they already hold (a
     * reload resumes it) unless they skipped it, else the queue's next. Undefined: nothing callable now.
     */
    async next(viewer: Viewer, id: string, exclude: string[]) {
      const list = await claimable(viewer, id);
      const now = clock.now();
      const leaseUntil = new Date(now.getTime() + CALL_LEASE_MINUTES * 60_000);
      const claimed = await db.transaction(async (tx) => {
        const held = await calls.findHeldLease(tx, id, viewer.userId, now);
        if (held && !exclude.includes(held.id)) return { call: held, changed: false };
        if (held) await calls.releaseLease(tx, id, held.id, viewer.userId);
        const call = await calls.claimNext(tx, {
          listId: id,
          userId: viewer.userId,
          now,
          leaseUntil,
          cooldownMinutes: list.cooldownMinutes,
          maxAttempts: list.maxAttempts,
          exclude,
        });
        return { call, changed: held !== undefined || call !== undefined };
      });
      if (claimed.changed) await app.events.emit('list.presence', { listId: id, teamId: list.teamId });
      return claimed.call;
    },

    /** Gives a claimed contact back to the queue; 404 when the caller holds no lease on it. */
    async release(viewer: Viewer, id: string, callId: string) {
      const list = await claimable(viewer, id);
      if (!(await calls.releaseLease(db, id, callId, viewer.userId))) throw notFound('Lease');
      await app.events.emit('list.presence', { listId: id, teamId: list.teamId });
    },

    async list(viewer: Viewer, filters: { teamId?: string | undefined; archived: boolean }) {
      const teams =
        viewer.role === 'admin'
          ? (await listAllTeams(db)).map((team) => ({ ...team, myRole: null }))
          : await listTeamsOfMember(db, viewer.userId);
      const shown = teams.filter((team) => !filters.teamId || team.id === filters.teamId);
      const rows = await listsRepo.listLists(
        db,
        shown.map((team) => team.id),
        filters.archived,
      );
      const canEdit = new Map(shown.map((team) => [team.id, canEditTeamLists(viewer, team.myRole)]));
      return withCounts(rows.map((list) => ({ list, canEdit: canEdit.get(list.teamId) ?? false })));
    },

    async get(viewer: Viewer, id: string) {
      const found = await access(viewer, id);
      const [progress, live] = await Promise.all([
        calls.listProgress(db, id, found.list.maxAttempts),
        calls.listLiveLeases(db, [id], clock.now()),
      ]);
      return { ...found, total: progress.total, remaining: progress.remaining, progress, live };
    },

    async create(
      viewer: Viewer,
      input: { name: string; teamId: string; cooldownMinutes: number; maxAttempts: number },
      ctx: RequestContext,
    ) {
      const id = await db.transaction(async (tx) => {
        let team;
        try {
          team = await teamAccess(tx, viewer, input.teamId);
        } catch (err) {
          // The team is named in the body: an unknown one is a field error, not a missing resource.
          if (err instanceof AppError && err.code === 'not_found')
            throw new AppError('validation_failed', 'No team of yours has this id', [
              { path: 'teamId', message: 'No team of yours has this id' },
            ]);
          throw err;
        }
        if (!team.canEditLists)
          throw new AppError('forbidden', 'Only a lead of this team or an admin can create its lists');
        const row = await listsRepo.createList(tx, { ...input, createdBy: viewer.userId });
        if (!row) throw nameTaken();
        await recordAudit(
          tx,
          {
            actorId: viewer.userId,
            action: 'list_created',
            targetType: 'team_list',
            targetId: row.id,
            meta: { name: input.name, teamId: input.teamId },
          },
          ctx,
        );
        return row.id;
      });
      return this.get(viewer, id);
    },

    async update(viewer: Viewer, id: string, patch: ListPatch, ctx: RequestContext) {
      await db.transaction(async (tx) => {
        const { list } = await editable(viewer, id, tx);
        const changes: Record<string, { from: unknown; to: unknown }> = {};
        for (const key of ['name', 'cooldownMinutes', 'maxAttempts'] as const)
          if (patch[key] !== undefined && patch[key] !== list[key]) changes[key] = { from: list[key], to: patch[key] };
        if (patch.archived !== undefined && patch.archived !== (list.archivedAt !== null))
          changes.archived = { from: list.archivedAt !== null, to: patch.archived };
        if (Object.keys(changes).length === 0) return;
        const next = {
          ...(changes.name && { name: patch.name }),
          ...(changes.cooldownMinutes && { cooldownMinutes: patch.cooldownMinutes }),
          ...(changes.maxAttempts && { maxAttempts: patch.maxAttempts }),
          ...(changes.archived && { archivedAt: patch.archived ? clock.now() : null }),
        };
        if (!(await listsRepo.updateList(tx, id, next))) throw nameTaken();
        await recordAudit(
          tx,
          { actorId: viewer.userId, action: 'list_updated', targetType: 'team_list', targetId: id, meta: { changes } },
          ctx,
        );
      });
      return this.get(viewer, id);
    },

    /**
     * Puts calls on the list: the actor's own personal calls (they become the team's), or calls on
     * another list of the same team (moved, their assignee cleared). All or nothing: any other id
     * is a 400 naming it, and nothing moves. An archived list takes no calls (409).
     */
    async addCalls(viewer: Viewer, id: string, callIds: string[], ctx: RequestContext) {
      const unique = [...new Set(callIds)];
      const result = await db.transaction(async (tx) => {
        const { list } = await editable(viewer, id, tx);
        if (list.archivedAt) throw new AppError('list_archived', 'An archived list takes no new calls');
        const teamLists = await listsRepo.listIdsOfTeam(tx, list.teamId);
        const movable = await calls.findMovableCalls(tx, viewer.userId, teamLists, unique);
        const known = new Set(movable.map((c) => c.id));
        const refused = unique.filter((callId) => !known.has(callId));
        if (refused.length)
          throw new AppError(
            'validation_failed',
            `${refused.length} of these calls are neither yours nor on a list of this team`,
            refused.slice(0, 20).map((callId) => ({
              path: `callIds.${callIds.indexOf(callId)}`,
              message: 'Not a call you can put on this list',
            })),
          );
        const toMove = movable.filter((c) => c.listId !== id);
        const moved = toMove.filter((c) => c.listId !== null).length;
        await calls.putCallsOnList(
          tx,
          id,
          toMove.map((c) => c.id),
        );
        if (toMove.length)
          await recordAudit(
            tx,
            {
              actorId: viewer.userId,
              action: 'list_calls_added',
              targetType: 'team_list',
              targetId: id,
              meta: { added: toMove.length, moved, callIds: toMove.map((c) => c.id) },
            },
            ctx,
          );
        return { added: toMove.length, moved, alreadyOnList: unique.length - toMove.length };
      });
      return result;
    },

    /**
     * Assigns calls of the list to a member of its team (null: to anyone again); a lead or an admin.
     * All or nothing: an id not on the list, or an assignee outside the team, is a 400 and nothing
     * changes. A contact someone else holds a lease on keeps it until logged or expired.
     */
    async assign(viewer: Viewer, id: string, callIds: string[], assigneeId: string | null, ctx: RequestContext) {
      const unique = [...new Set(callIds)];
      return db.transaction(async (tx) => {
        await editable(viewer, id, tx);
        if (assigneeId !== null && !(await calls.listTeamHasMember(tx, id, assigneeId)))
          throw new AppError('validation_failed', 'The assignee is not a member of this team', [
            { path: 'assigneeId', message: 'Not a member of this team' },
          ]);
        const { onList, changed } = await calls.assignCalls(tx, id, unique, assigneeId);
        const found = new Set(onList);
        const refused = unique.filter((callId) => !found.has(callId));
        if (refused.length)
          throw new AppError(
            'validation_failed',
            `${refused.length} of these calls are not on this list`,
            refused.slice(0, 20).map((callId) => ({
              path: `callIds.${callIds.indexOf(callId)}`,
              message: 'Not a call of this list',
            })),
          );
        await recordAudits(
          tx,
          changed.map((c) => ({
            actorId: viewer.userId,
            action: 'call_assigned' as const,
            targetType: 'call' as const,
            targetId: c.id,
            meta: { listId: id, from: c.assigneeId, to: assigneeId },
          })),
          ctx,
        );
        return { assigned: changed.length };
      });
    },

    /**
     * Takes a call off the list (a lead or an admin): it becomes its owner's personal call again, and
     * the open reminders other members held on it go to the owner. Audited; nothing is deleted.
     */
    async removeCall(viewer: Viewer, id: string, callId: string, ctx: RequestContext) {
      const list = await db.transaction(async (tx) => {
        const { list } = await editable(viewer, id, tx);
        const taken = await calls.takeCallsOffList(tx, id, [callId]);
        if (taken.calls.length === 0) throw notFound('Call');
        await recordAudit(
          tx,
          {
            actorId: viewer.userId,
            action: 'list_calls_removed',
            targetType: 'team_list',
            targetId: id,
            meta: { callIds: [callId], handedOverReminders: taken.reminders },
          },
          ctx,
        );
        return list;
      });
      await app.events.emit('list.presence', { listId: id, teamId: list.teamId });
    },
  };
}
