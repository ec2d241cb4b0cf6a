import {
  CALLBACK_STATUSES,
  CLOSING_STATUSES,
  UNANSWERED_STATUSES,
  type CallStatus,
  type ReminderPriority,
} from '@ct/contracts';
import { WRONG_NUMBER_REASON } from '@ct/contracts/constants';
import { nextWorkingDaySlot } from '@ct/contracts/schedule';
import type { Executor } from '@ct/db';
import { AppError } from '../../lib/errors.ts';
import type { PendingEvent } from '../../lib/pending-events.ts';
import { closeOpenReminders, earliestOpenReminderOf, insertReminder } from './reminders.repository.ts';
import type { ReminderRow } from './reminders.mapper.ts';
import { contactName, phoneDisplay, type CallRow, type HistoryRow } from './calls.mapper.ts';
import { insertHistory, updateCall } from './calls.repository.ts';
import { teamOfList } from './list-calls.repository.ts';
import type { UserContext } from '../users/index.ts';

/** Who logs the attempt: their id, and the zone and work settings that place its automatic callback. */
export type AttemptActor = Pick<UserContext, 'id' | 'timezone' | 'settings'>;

/** A logged time may run this far ahead of the server's clock (client clock skew), no further. */
const FUTURE_TOLERANCE_MS = 60_000;

export interface AttemptInput {
  status: CallStatus;
  note: string;
  occurredAt: Date;
  /** An explicit callback; without it, callback statuses get one automatically. */
  reminder?: { scheduledAt: Date; priority: ReminderPriority; note: string } | undefined;
}

export interface AttemptOutcome {
  call: CallRow;
  entry: HistoryRow;
  reminder: ReminderRow | null;
  closed: ReminderRow[];
  events: PendingEvent[];
}

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

/** Refuses, before anything is written, an attempt dated in the future or a callback in the past. */
export function checkAttemptTimes(
  now: Date,
  occurredAt: Date,
  reminder?: { scheduledAt: Date; allowPast: boolean },
  pathPrefix = '',
) {
  if (occurredAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new AppError('validation_failed', 'occurredAt is in the future', [
      { path: `${pathPrefix}occurredAt`, message: 'Must not be in the future' },
    ]);
  }
  if (reminder) checkNotPast(now, reminder.scheduledAt, reminder.allowPast, `${pathPrefix}reminder.scheduledAt`);
}

export function checkNotPast(now: Date, scheduledAt: Date, allowPast: boolean, path: string) {
  if (!allowPast && scheduledAt.getTime() < now.getTime()) {
    throw new AppError('validation_failed', 'The reminder is in the past (send allowPast: true to keep it)', [
      { path, message: 'Must not be in the past unless allowPast is true' },
    ]);
  }
}

/**
 * Records one attempt by `actor` on a call they have locked (SELECT … FOR UPDATE), inside their transaction
 * (docs/decisions/0011-unreachable.md):
 * - appends the history entry; sets status, last_call_at (the latest attempt wins), attempts + 1;
 * - counts unanswered attempts in a row; at settings.maxAttempts the call becomes `unreachable` and
 *   no reminder is placed automatically any more (an explicit one still is);
 * - a closing status, a new callback or becoming unreachable settles the call's open reminders;
 * - the callback is the explicit one, or for no_answer/voicemail/callback the user's default slot on
 *   the next working day in their zone;
 * - wrong_number flags the phone;
 * - on a team list, the attempt is the actor's (their KPIs), and its callback goes to the call's
 *   assignee, or to the actor when it has none (docs/decisions/0062-team-call-visibility.md).
 * Returns the events to emit after commit.
 */
export async function recordAttempt(
  tx: Executor,
  call: CallRow,
  input: AttemptInput,
  actor: AttemptActor,
  now: Date,
): Promise<AttemptOutcome> {
  const { settings, timezone } = actor;
  const remindee = call.listId ? (call.assigneeId ?? actor.id) : call.userId;
  const unanswered = isOneOf(UNANSWERED_STATUSES, input.status);
  const streak = unanswered ? call.unansweredStreak + 1 : 0;
  const unreachable = unanswered && (call.unreachable || streak >= settings.maxAttempts);
  const closing = isOneOf(CLOSING_STATUSES, input.status);

  const scheduledAt =
    input.reminder?.scheduledAt ??
    (isOneOf(CALLBACK_STATUSES, input.status) && !unreachable
      ? nextWorkingDaySlot(now, settings.defaultReminderSlot, settings.workHours, timezone)
      : null);

  const entry = await insertHistory(tx, {
    callId: call.id,
    userId: actor.id,
    status: input.status,
    note: input.note,
    occurredAt: input.occurredAt,
    createdBy: actor.id,
    createdAt: now,
  });

  const closed = closing || scheduledAt || unreachable ? await closeOpenReminders(tx, call.id, now) : [];
  const reminder = scheduledAt
    ? await insertReminder(tx, {
        callId: call.id,
        userId: remindee,
        scheduledAt,
        previousStatus: input.status,
        priority: input.reminder?.priority ?? 'normal',
        note: input.reminder?.note ?? '',
        createdAt: now,
        updatedAt: now,
      })
    : null;

  const wrongNumber = input.status === 'wrong_number';
  const updated = await updateCall(
    tx,
    call.id,
    {
      status: input.status,
      lastCallAt: call.lastCallAt && call.lastCallAt > input.occurredAt ? call.lastCallAt : input.occurredAt,
      attempts: call.attempts + 1,
      unansweredStreak: streak,
      unreachable,
      ...(wrongNumber ? { phoneFlagged: true, phoneFlagReason: WRONG_NUMBER_REASON } : {}),
      nextReminderAt: earliestOpenReminderOf(call.id),
      // Logging ends the queue's lease on a team list's contact: the attempt is made.
      leaseHolderId: null,
      leaseExpiresAt: null,
      updatedAt: now,
    },
    { expectedVersion: call.version },
  );
  // The row is locked by the caller, so its version cannot have moved.
  if (!updated) throw new Error(`call ${call.id} changed under its lock`);

  const name = contactName(updated);
  const phone = phoneDisplay(updated.phone, updated.phoneE164).national;
  const events: PendingEvent[] = [
    ...closed.map((r): PendingEvent => ({
      name: 'reminder.updated',
      payload: { userId: r.userId, reminderId: r.id },
    })),
    {
      name: 'call.logged',
      payload: {
        userId: actor.id,
        callId: call.id,
        historyId: entry.id,
        status: input.status,
        contactName: name,
        phone,
        occurredAt: input.occurredAt,
        reminderId: reminder?.id ?? null,
      },
    },
  ];
  if (wrongNumber)
    events.push({
      name: 'call.wrong_number',
      payload: { userId: actor.id, callId: call.id, contactName: name, phone, reason: WRONG_NUMBER_REASON },
    });
  if (reminder)
    events.push({
      name: 'reminder.created',
      payload: { userId: reminder.userId, reminderId: reminder.id, callId: call.id, scheduledAt: reminder.scheduledAt },
    });
  if (call.listId && call.leaseHolderId)
    events.push({ name: 'list.presence', payload: { listId: call.listId, teamId: await teamOfList(tx, call.listId) } });
  return { call: updated, entry, reminder, closed, events };
}
