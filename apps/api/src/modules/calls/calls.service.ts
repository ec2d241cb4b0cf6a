import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import {
  buildSearchText,
  parsePhone,
  type CallCreate,
  type CallListQuery,
  type CallLog,
  type CallPatch,
  type CallSortField,
} from '@ct/contracts';
import { RESTORE_WINDOW_DAYS } from '@ct/contracts/constants';
import type { Executor } from '@ct/db';
import { AppError, notFound } from '../../lib/errors.ts';
import { assertIfMatch, type IfMatch } from '../../lib/etag.ts';
import { emitAll, type PendingEvent } from '../../lib/pending-events.ts';
import { dateBounds } from '../../lib/time.ts';
import type { RequestContext } from '../../lib/request-context.ts';
import { recordAudit } from '../audits/index.ts';
import { mapCall, mapHistoryEntry, type CallRow } from './calls.mapper.ts';
import * as repo from './calls.repository.ts';
import { canSeeList, leadsList, listTeamHasMember } from './list-calls.repository.ts';
import { decodeCursor } from './list-cursor.ts';
import { checkAttemptTimes, recordAttempt } from './log-attempt.ts';
import { mapReminder } from './reminders.mapper.ts';
import {
  closeOpenReminders,
  earliestOpenReminderOf,
  listOpenReminders,
  reopenClosedWithCall,
} from './reminders.repository.ts';
import { loadUserContext } from '../users/index.ts';

/** The user-typed fields of a call, as validated by callCreateSchema (or an import row). */
export interface CallFields {
  firstName: string;
  lastName: string;
  phone: string;
  description: string;
  status?: CallCreate['status'] | undefined;
  type?: CallCreate['type'] | undefined;
}
export type PreparedCall = Pick<
  repo.CallInsert,
  | 'contactFirstName'
  | 'contactLastName'
  | 'phone'
  | 'phoneE164'
  | 'phoneValid'
  | 'status'
  | 'type'
  | 'description'
  | 'searchText'
>;

/**
 * Turns validated input into the columns of a new call: the phone kept as typed, its E.164 form and
 * validity (an unparseable number is kept and flagged invalid, never changed), and the folded search
 * text. The CSV import reuses it: spread the result with `userId` (and `importId`) into the row written.
 */
export function prepareCallValues(input: CallFields, region: string): PreparedCall {
  const phone = parsePhone(input.phone, region);
  return {
    contactFirstName: input.firstName,
    contactLastName: input.lastName,
    phone: input.phone,
    phoneE164: phone.e164,
    phoneValid: phone.valid,
    status: input.status ?? 'to_call',
    type: input.type ?? 'prospecting',
    description: input.description,
    searchText: buildSearchText({
      firstName: input.firstName,
      lastName: input.lastName,
      description: input.description,
      phone: input.phone,
      phoneE164: phone.e164,
    }),
  };
}

/** `from`/`to` as instants: a date is its whole local day in the user's zone (`to` inclusive). */
function resolveRange(from: string | undefined, to: string | undefined, zone: string): { from?: Date; to?: Date } {
  const isDate = (v: string) => v.length === 10;
  const start = from === undefined ? undefined : isDate(from) ? dateBounds(from, zone).start : new Date(from);
  const end = to === undefined ? undefined : isDate(to) ? dateBounds(to, zone).end : new Date(to);
  // A date `to` covers its whole day: compare its last instant, so to = from - 1 day is refused.
  const lastOfRange = end && to !== undefined && isDate(to) ? new Date(end.getTime() - 1) : end;
  if (start && lastOfRange && lastOfRange < start) {
    throw new AppError('validation_failed', 'to is before from', [
      { path: 'querystring.to', message: 'Must not be before from' },
    ]);
  }
  return { ...(start ? { from: start } : {}), ...(end ? { to: end } : {}) };
}

export function createCallsService(app: FastifyInstance) {
  const { db, clock } = app;

  /** Finds, locks and checks the If-Match of one live call inside a transaction. */
  async function lockCall(tx: Executor, userId: string, id: string, ifMatch: IfMatch) {
    const call = await repo.findCall(tx, userId, id, { lock: true });
    if (!call) throw notFound('Call');
    assertIfMatch(ifMatch, call.version, 'call');
    return call;
  }

  /** A plain member of a team reads and logs its calls; changing one is for its owner, the leads, the admins. */
  function assertEditable(call: repo.FoundCall) {
    if (!call.editable)
      throw new AppError('forbidden', "Only a lead of this call's team, an admin or its owner can change it");
  }

  /**
   * The assignee a patch sets, checked: only on a team list's call, by a lead of its team or an
   * admin, and to a member of that team.
   */
  async function checkAssignee(tx: Executor, userId: string, call: repo.FoundCall, assigneeId: string | null) {
    if (!call.listId) throw new AppError('not_on_list', 'Only a call on a team list can be assigned');
    if (!(await leadsList(tx, call.listId, userId)))
      throw new AppError('forbidden', "Only a lead of this call's team or an admin can assign it");
    if (assigneeId !== null && !(await listTeamHasMember(tx, call.listId, assigneeId)))
      throw new AppError('validation_failed', 'The assignee is not a member of this team', [
        { path: 'assigneeId', message: 'Not a member of this team' },
      ]);
  }

  return {
    async list(userId: string, query: CallListQuery) {
      if (query.assigneeId && !query.listId)
        throw new AppError('validation_failed', 'assigneeId filters the calls of a list', [
          { path: 'querystring.assigneeId', message: 'Only with listId' },
        ]);
      if (query.listId && !(await canSeeList(db, query.listId, userId))) throw notFound('List');
      const scope: repo.CallScope = query.listId
        ? { userId, listId: query.listId, assigneeId: query.assigneeId }
        : { userId };
      const needsZone = [query.from, query.to].some((v) => v !== undefined && v.length === 10);
      const zone = needsZone ? (await loadUserContext(db, userId)).timezone : 'UTC';
      const range = resolveRange(query.from, query.to, zone);
      const [field, dir] = query.sort.split(':') as [CallSortField, 'asc' | 'desc'];
      if (query.after !== undefined && query.page > 1)
        throw new AppError('validation_failed', 'A page starts at a page number or after a cursor, not both', [
          { path: 'querystring.page', message: 'Not with after' },
        ]);
      const after = query.after === undefined ? undefined : decodeCursor(query.after, query.sort, repo.cursorKinds(field));
      const now = clock.now();
      const { rows, total, totalExact, nextCursor } = await repo.listCalls(db, scope, {
        q: query.q,
        statuses: query.status,
        types: query.type,
        unreachable: query.unreachable,
        deleted: query.deleted
          ? { since: DateTime.fromJSDate(now).minus({ days: RESTORE_WINDOW_DAYS }).toJSDate() }
          : undefined,
        dateField: query.dateField,
        ...range,
        sort: { field, dir },
        page: query.page,
        pageSize: query.pageSize,
        after,
      });
      return { items: rows.map(mapCall), page: query.page, pageSize: query.pageSize, total, totalExact, nextCursor };
    },

    /** One call with its history (newest first) and its open reminders. */
    async get(userId: string, id: string) {
      const call = await repo.findCall(db, userId, id);
      if (!call) throw notFound('Call');
      const [history, open] = await Promise.all([repo.listHistory(db, call.id), listOpenReminders(db, call.id)]);
      const now = clock.now();
      return {
        ...mapCall(call),
        history: history.map(mapHistoryEntry),
        openReminders: open.map((r) => mapReminder(r, call, now)),
      };
    },

    async create(userId: string, input: CallCreate) {
      const { settings } = await loadUserContext(db, userId);
      const now = clock.now();
      const row = await repo.insertCall(db, {
        ...prepareCallValues(input, settings.phoneRegion),
        userId,
        createdAt: now,
        updatedAt: now,
      });
      await app.events.emit('call.created', { userId, callId: row.id });
      return mapCall(row);
    },

    async update(userId: string, id: string, patch: CallPatch, ifMatch: IfMatch, ctx: RequestContext) {
      const { settings } = await loadUserContext(db, userId);
      const { assigneeId, ...fields } = patch;
      const row = await db.transaction(async (tx) => {
        const call = await lockCall(tx, userId, id, ifMatch);
        const assigns = assigneeId !== undefined && assigneeId !== call.assigneeId;
        if (assigneeId !== undefined) await checkAssignee(tx, userId, call, assigneeId);
        if (Object.values(fields).some((v) => v !== undefined)) assertEditable(call);
        else if (!assigns) return call;
        if (assigns)
          await recordAudit(
            tx,
            {
              actorId: userId,
              action: 'call_assigned',
              targetType: 'call',
              targetId: id,
              meta: { listId: call.listId!, from: call.assigneeId, to: assigneeId },
            },
            ctx,
          );
        const merged = {
          firstName: patch.firstName ?? call.contactFirstName,
          lastName: patch.lastName ?? call.contactLastName,
          phone: patch.phone ?? call.phone,
          description: patch.description ?? call.description,
          status: patch.status ?? call.status,
          type: patch.type ?? call.type,
        };
        const phoneChanged = patch.phone !== undefined && patch.phone !== call.phone;
        const prepared = prepareCallValues(merged, settings.phoneRegion);
        const changes: repo.CallChanges = { ...prepared, updatedAt: clock.now() };
        if (!phoneChanged) {
          // A number typed identically keeps its stored normalisation (the region may have changed since).
          changes.phoneE164 = call.phoneE164;
          changes.phoneValid = call.phoneValid;
          changes.searchText = buildSearchText({ ...merged, phoneE164: call.phoneE164 });
        } else {
          // The wrong-number flag was about the old number.
          Object.assign(changes, { phoneFlagged: false, phoneFlagReason: null });
        }
        if (patch.unreachable === false) Object.assign(changes, { unreachable: false, unansweredStreak: 0 });
        if (patch.unreachable === true) changes.unreachable = true;
        if (assigns) changes.assigneeId = assigneeId;
        return repo.updateCall(tx, id, changes, { expectedVersion: call.version });
      });
      if (!row) throw notFound('Call');
      await app.events.emit('call.updated', { userId, callId: id });
      return mapCall(row);
    },

    /** Soft delete: the call leaves every list, its open reminders are closed; audited with the row as it was. */
    async remove(userId: string, id: string, ifMatch: IfMatch, ctx: RequestContext) {
      const now = clock.now();
      const closed = await db.transaction(async (tx) => {
        const call = await lockCall(tx, userId, id, ifMatch);
        assertEditable(call);
        const closedReminders = await closeOpenReminders(tx, call.id, now, { withCall: true });
        await repo.updateCall(
          tx,
          id,
          { deletedAt: now, updatedAt: now, nextReminderAt: null },
          { expectedVersion: call.version },
        );
        await recordAudit(
          tx,
          {
            actorId: userId,
            action: 'sensitive_delete',
            targetType: 'call',
            targetId: id,
            meta: { row: mapCall(call), closedReminderIds: closedReminders.map((r) => r.id) },
          },
          ctx,
        );
        return closedReminders;
      });
      await emitAll(app.events, [
        ...closed.map((r): PendingEvent => ({ name: 'reminder.updated', payload: { userId, reminderId: r.id } })),
        { name: 'call.deleted', payload: { userId, callId: id } },
      ]);
    },

    /** Undoes a delete within RESTORE_WINDOW_DAYS, reopening the reminders the delete closed. */
    async restore(userId: string, id: string, ctx: RequestContext) {
      const now = clock.now();
      const { row, reopened } = await db.transaction(async (tx) => {
        const call = await repo.findCall(tx, userId, id, { deleted: true, lock: true });
        if (!call?.deletedAt) {
          if (await repo.findCall(tx, userId, id)) throw new AppError('conflict', 'This call is not deleted');
          throw notFound('Call');
        }
        const expiry = DateTime.fromJSDate(call.deletedAt).plus({ days: RESTORE_WINDOW_DAYS }).toJSDate();
        if (now >= expiry) throw notFound('Call');
        assertEditable(call);
        const reopenedReminders = await reopenClosedWithCall(tx, call.id, now);
        const restored = await repo.updateCall(
          tx,
          id,
          { deletedAt: null, updatedAt: now, nextReminderAt: earliestOpenReminderOf(call.id) },
          { deleted: true, expectedVersion: call.version },
        );
        await recordAudit(
          tx,
          {
            actorId: userId,
            action: 'call_restored',
            targetType: 'call',
            targetId: id,
            meta: { row: mapCall(call), reopenedReminderIds: reopenedReminders.map((r) => r.id) },
          },
          ctx,
        );
        return { row: restored, reopened: reopenedReminders };
      });
      if (!row) throw notFound('Call');
      await emitAll(app.events, [
        ...reopened.map((r): PendingEvent => ({ name: 'reminder.updated', payload: { userId, reminderId: r.id } })),
        { name: 'call.restored', payload: { userId, callId: id } },
      ]);
      return mapCall(row);
    },

    /** POST /calls/:id/log: one attempt, in one transaction; events after commit. */
    async log(userId: string, id: string, input: CallLog, ifMatch: IfMatch) {
      const now = clock.now();
      const occurredAt = input.occurredAt ? new Date(input.occurredAt) : now;
      const reminder = input.reminder
        ? { ...input.reminder, scheduledAt: new Date(input.reminder.scheduledAt) }
        : undefined;
      checkAttemptTimes(now, occurredAt, reminder);
      const prefs = await loadUserContext(db, userId);
      const outcome = await db.transaction(async (tx) => {
        const call = await lockCall(tx, userId, id, ifMatch);
        return recordAttempt(
          tx,
          call,
          { status: input.status, note: input.note, occurredAt, reminder },
          prefs,
          now,
        );
      });
      await emitAll(app.events, outcome.events);
      return {
        call: mapCall(outcome.call),
        entry: mapHistoryEntry(outcome.entry),
        reminder: outcome.reminder ? mapReminder(outcome.reminder, outcome.call, now) : null,
      };
    },
  };
}

export type CallsService = ReturnType<typeof createCallsService>;
export type { CallRow };
