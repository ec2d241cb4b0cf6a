import { eq } from 'drizzle-orm';
import { normalizePhone, type CallStatus, type ReminderPriority, type Settings } from '@ct/contracts';
import { callStatusHistory, calls, notifications, reminders, settings, users, type Database } from '@ct/db';

/**
 * Rows written straight to the database (no endpoint in between), for tests of jobs, notifications and
 * reports that must not depend on the calls module's HTTP behaviour.
 */

export async function insertCall(
  database: Database,
  userId: string,
  values: {
    phone?: string;
    firstName?: string;
    lastName?: string;
    status?: CallStatus;
    deletedAt?: Date;
    flagged?: string;
    createdAt?: Date;
    region?: string;
  } = {},
) {
  const phone = values.phone ?? '06 23 45 87 91';
  const normalized = normalizePhone(phone, values.region ?? 'FR');
  const [row] = await database.db
    .insert(calls)
    .values({
      userId,
      contactFirstName: values.firstName ?? 'Jeanne',
      contactLastName: values.lastName ?? 'Martin',
      phone,
      phoneE164: normalized.e164,
      phoneValid: normalized.valid,
      phoneFlagged: values.flagged !== undefined,
      phoneFlagReason: values.flagged ?? null,
      status: values.status ?? 'to_call',
      deletedAt: values.deletedAt ?? null,
      ...(values.createdAt ? { createdAt: values.createdAt, updatedAt: values.createdAt } : {}),
    })
    .returning();
  if (!row) throw new Error('call insert failed');
  return row;
}

export async function insertAttempt(
  database: Database,
  call: { id: string; userId: string },
  status: CallStatus,
  occurredAt: string | Date,
  note = '',
) {
  const [row] = await database.db
    .insert(callStatusHistory)
    .values({
      callId: call.id,
      userId: call.userId,
      status,
      note,
      occurredAt: new Date(occurredAt),
      createdBy: call.userId,
    })
    .returning();
  if (!row) throw new Error('history insert failed');
  return row;
}

export async function insertReminder(
  database: Database,
  call: { id: string; userId: string },
  scheduledAt: string | Date,
  values: {
    priority?: ReminderPriority;
    done?: boolean;
    doneAt?: string | Date;
    createdAt?: string | Date;
    note?: string;
  } = {},
) {
  const [row] = await database.db
    .insert(reminders)
    .values({
      callId: call.id,
      userId: call.userId,
      scheduledAt: new Date(scheduledAt),
      priority: values.priority ?? 'normal',
      done: values.done ?? false,
      doneAt: values.doneAt ? new Date(values.doneAt) : null,
      note: values.note ?? '',
      ...(values.createdAt ? { createdAt: new Date(values.createdAt), updatedAt: new Date(values.createdAt) } : {}),
    })
    .returning();
  if (!row) throw new Error('reminder insert failed');
  return row;
}

export async function updateSettings(database: Database, userId: string, patch: Partial<Settings>) {
  await database.db.update(settings).set(patch).where(eq(settings.userId, userId));
}

export async function updateProfile(
  database: Database,
  userId: string,
  patch: { language?: 'fr' | 'en'; timezone?: string; timeFormat?: '24h' | '12h' },
) {
  await database.db.update(users).set(patch).where(eq(users.id, userId));
}

/** Every notification of a user, oldest first, straight from the table (held ones included). */
export async function notificationsOf(database: Database, userId: string) {
  const rows = await database.db.select().from(notifications).where(eq(notifications.userId, userId));
  return rows.sort((a, b) => a.id - b.id);
}
