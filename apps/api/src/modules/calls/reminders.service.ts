import type { FastifyInstance } from 'fastify';
import type { ReminderCreate, ReminderListQuery, ReminderPatch, SnoozePreset } from '@ct/contracts';
import { snoozeTarget } from '@ct/contracts/schedule';
import type { Executor } from '@ct/db';
import { AppError, notFound } from '../../lib/errors.ts';
import { dateBounds, dayBounds, localDate } from '../../lib/time.ts';
import { assertIfMatch, type IfMatch } from '../../lib/etag.ts';
import { emitAll, type PendingEvent } from '../../lib/pending-events.ts';
import type { RequestContext } from '../../lib/request-context.ts';
import { recordAudit } from '../audits/index.ts';
import { findCall } from './calls.repository.ts';
import { checkNotPast, recordAttempt } from './log-attempt.ts';
import { loadUserContext } from '../users/index.ts';
import { mapReminder } from './reminders.mapper.ts';
import * as repo from './reminders.repository.ts';

export function createRemindersService(app: FastifyInstance) {
  const { db, clock } = app;

  /**
   * Locks the reminder's call, then the reminder, always in that order (as logging an attempt does),
   * so that concurrent writers of one call queue instead of deadlocking; then checks If-Match.
   */
  async function lockReminder(tx: Executor, userId: string, id: string, ifMatch: IfMatch) {
    const peek = await repo.findReminder(tx, userId, id);
    if (!peek) throw notFound('Reminder');
    const call = await findCall(tx, userId, peek.reminder.callId, { lock: true });
    const found = call ? await repo.findReminder(tx, userId, id, { lock: true }) : undefined;
    if (!call || !found) throw notFound('Reminder');
    assertIfMatch(ifMatch, found.reminder.version, 'reminder');
    return { call, reminder: found.reminder };
  }

  /** The reminder as it is now, with its call (inside the transaction that changed it). */
  async function reread(tx: Executor, userId: string, id: string) {
    const found = await repo.findReminder(tx, userId, id);
    if (!found) throw notFound('Reminder');
    return found;
  }

  return {
    /** The day's reminders in the user's zone; for today, with the overdue undone ones. */
    async list(userId: string, query: ReminderListQuery) {
      const prefs = await loadUserContext(db, userId);
      const now = clock.now();
      const today = localDate(now, prefs.timezone);
      const isToday = query.date === 'today' || query.date === today;
      const bounds = query.date === 'today' ? dayBounds(now, prefs.timezone) : dateBounds(query.date, prefs.timezone);
      const { rows, total } = await repo.listDayReminders(db, userId, {
        ...bounds,
        includeOverdue: isToday,
        done: query.done,
        priorities: query.priority,
        order: prefs.settings.remindersOrder,
        page: query.page,
        pageSize: query.pageSize,
      });
      return {
        items: rows.map((r) => mapReminder(r.reminder, r.call, now)),
        page: query.page,
        pageSize: query.pageSize,
        total,
      };
    },

    async get(userId: string, id: string) {
      const found = await repo.findReminder(db, userId, id);
      if (!found) throw notFound('Reminder');
      return mapReminder(found.reminder, found.call, clock.now());
    },

    /** A reminder on one of the caller's own live calls (another user's call is a 404, like an unknown one). */
    async create(userId: string, input: ReminderCreate) {
      const now = clock.now();
      const scheduledAt = new Date(input.scheduledAt);
      checkNotPast(now, scheduledAt, input.allowPast, 'scheduledAt');
      const found = await db.transaction(async (tx) => {
        const call = await findCall(tx, userId, input.callId, { lock: true });
        if (!call) throw new AppError('not_found', 'Call not found', [{ path: 'callId', message: 'No such call' }]);
        const reminder = await repo.insertReminder(tx, {
          callId: call.id,
          userId,
          scheduledAt,
          previousStatus: call.status,
          priority: input.priority,
          note: input.note,
          createdAt: now,
          updatedAt: now,
        });
        await repo.syncCallNextReminder(tx, call.id);
        return reread(tx, userId, reminder.id);
      });
      await app.events.emit('reminder.created', {
        userId,
        reminderId: found.reminder.id,
        callId: found.reminder.callId,
        scheduledAt,
      });
      return mapReminder(found.reminder, found.call, now);
    },

    /**
     * Mark done (logging an attempt with `status`, default the user's defaultStatusAfterCall), reopen,
     * reschedule (counted, with a reason), change priority or note.
     */
    async update(userId: string, id: string, patch: ReminderPatch, ifMatch: IfMatch) {
      const now = clock.now();
      const scheduledAt = patch.scheduledAt ? new Date(patch.scheduledAt) : undefined;
      if (scheduledAt) checkNotPast(now, scheduledAt, patch.allowPast ?? false, 'scheduledAt');
      const prefs = await loadUserContext(db, userId);
      const { found, events } = await db.transaction(async (tx) => {
        const { call, reminder } = await lockReminder(tx, userId, id, ifMatch);
        const logs = patch.done === true && !reminder.done;
        const changes: repo.ReminderChanges = { updatedAt: now };
        if (patch.priority) changes.priority = patch.priority;
        if (patch.note !== undefined && patch.done !== true) changes.note = patch.note;
        if (scheduledAt)
          Object.assign(changes, {
            scheduledAt,
            rescheduleCount: reminder.rescheduleCount + 1,
            rescheduleReason: patch.reason ?? null,
          });
        if (logs) Object.assign(changes, { done: true, doneAt: now });
        if (patch.done === false && reminder.done) Object.assign(changes, { done: false, doneAt: null });
        await repo.updateReminder(tx, userId, id, changes, reminder.version);
        const pending: PendingEvent[] = [{ name: 'reminder.updated', payload: { userId, reminderId: id } }];
        if (logs) {
          const status = patch.status ?? prefs.settings.defaultStatusAfterCall;
          const outcome = await recordAttempt(
            tx,
            call,
            { status, note: patch.note ?? '', occurredAt: now },
            prefs,
            now,
          );
          pending.push(...outcome.events);
        } else {
          await repo.syncCallNextReminder(tx, call.id);
        }
        return { found: await reread(tx, userId, id), events: pending };
      });
      await emitAll(app.events, events);
      return mapReminder(found.reminder, found.call, now);
    },

    async snooze(userId: string, id: string, preset: SnoozePreset, ifMatch: IfMatch) {
      const now = clock.now();
      const prefs = await loadUserContext(db, userId);
      const scheduledAt = snoozeTarget(preset, now, { ...prefs.settings, timezone: prefs.timezone });
      const found = await db.transaction(async (tx) => {
        const { call, reminder } = await lockReminder(tx, userId, id, ifMatch);
        if (reminder.done) throw new AppError('conflict', 'A done reminder cannot be snoozed; reopen it first');
        await repo.updateReminder(
          tx,
          userId,
          id,
          {
            scheduledAt,
            rescheduleCount: reminder.rescheduleCount + 1,
            rescheduleReason: `snooze:${preset}`,
            updatedAt: now,
          },
          reminder.version,
        );
        await repo.syncCallNextReminder(tx, call.id);
        return reread(tx, userId, id);
      });
      await app.events.emit('reminder.updated', { userId, reminderId: id });
      return mapReminder(found.reminder, found.call, now);
    },

    /** Hard delete, audited with the row as it was. */
    async remove(userId: string, id: string, ifMatch: IfMatch, ctx: RequestContext) {
      const callId = await db.transaction(async (tx) => {
        const { call, reminder } = await lockReminder(tx, userId, id, ifMatch);
        await repo.deleteReminder(tx, userId, id, reminder.version);
        await repo.syncCallNextReminder(tx, call.id);
        const row = mapReminder(reminder, call, clock.now());
        await recordAudit(
          tx,
          { actorId: userId, action: 'sensitive_delete', targetType: 'reminder', targetId: id, meta: { row } },
          ctx,
        );
        return call.id;
      });
      await app.events.emit('reminder.deleted', { userId, reminderId: id, callId });
    },
  };
}
