import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { callStatusHistory, calls, notifications, type Executor } from '@ct/db';
import type { NotificationType } from '@ct/contracts';
import type { UserContext } from '../users/index.ts';

export type NotificationRow = typeof notifications.$inferSelect;

/** Who a notification is for: what it takes to decide, write and deliver it — the user's context. */
export type Recipient = UserContext;

/**
 * Held notifications wait for a daily/weekly digest: `meta.delivery = 'digest'`. Until the digest is
 * made (`digested_at` set) they are neither listed nor pushed; afterwards they are listed (the digest's
 * details) but never pushed or replayed — the digest itself was.
 */
const isHeld = sql`coalesce(${notifications.meta}->>'delivery', '') = 'digest'`;
const isListed = sql`not (${isHeld} and ${notifications.digestedAt} is null)`;
const isPushed = sql`not ${isHeld}`;

/** Inserts unless the (user, dedupe key) pair exists; returns the new row or undefined. */
export async function insertNotification(
  db: Executor,
  values: typeof notifications.$inferInsert,
): Promise<NotificationRow | undefined> {
  const [row] = await db
    .insert(notifications)
    .values(values)
    .onConflictDoNothing({ target: [notifications.userId, notifications.dedupeKey] })
    .returning();
  return row;
}

export interface NotificationFilters {
  read?: boolean | undefined;
  type?: NotificationType | undefined;
  page: number;
  pageSize: number;
}

/** Newest first, with the filtered total and the user's unread count. */
export async function listNotifications(db: Executor, userId: string, f: NotificationFilters) {
  const where: SQL[] = [eq(notifications.userId, userId), isListed];
  if (f.read === true) where.push(isNotNull(notifications.readAt));
  if (f.read === false) where.push(isNull(notifications.readAt));
  if (f.type) where.push(eq(notifications.type, f.type));
  const [rows, totals, unread] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(and(...where))
      .orderBy(desc(notifications.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db
      .select({ n: count() })
      .from(notifications)
      .where(and(...where)),
    countUnread(db, userId),
  ]);
  return { rows, total: totals[0]?.n ?? 0, unread };
}

export async function countUnread(db: Executor, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), isListed));
  return row?.n ?? 0;
}

/** Marks one of the user's notifications read (keeping the first read time); undefined if not theirs. */
export async function markRead(
  db: Executor,
  userId: string,
  id: number,
  now: Date,
): Promise<NotificationRow | undefined> {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${now.toISOString()}::timestamptz)` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId), isListed))
    .returning();
  return row;
}

export async function markAllRead(db: Executor, userId: string, now: Date): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), isListed))
    .returning({ id: notifications.id });
  return rows.length;
}

/** What the live stream sends: the user's pushed notifications after `afterId`, oldest first. */
export async function listPushedAfter(
  db: Executor,
  userId: string,
  afterId: number,
  limit: number,
): Promise<NotificationRow[]> {
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), gt(notifications.id, afterId), isPushed))
    .orderBy(asc(notifications.id))
    .limit(limit);
}

/** The id a fresh stream (no Last-Event-ID) starts after. */
export async function lastNotificationId(db: Executor, userId: string): Promise<number> {
  const [row] = await db
    .select({ id: sql<number | null>`max(${notifications.id})` })
    .from(notifications)
    .where(eq(notifications.userId, userId));
  return Number(row?.id ?? 0);
}

/** Held notifications of a user still waiting for their digest, oldest first. */
export async function listHeldPending(db: Executor, userId: string, until: Date): Promise<NotificationRow[]> {
  return db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        isHeld,
        isNull(notifications.digestedAt),
        lte(notifications.createdAt, until),
      ),
    )
    .orderBy(asc(notifications.id));
}

/**
 * The digest stands for them: they become listed (as its details) and count as read, so the digest is
 * the one unread notification the user sees.
 */
export async function markDigested(db: Executor, userId: string, ids: number[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(notifications)
    .set({ digestedAt: now, readAt: sql`coalesce(${notifications.readAt}, ${now.toISOString()}::timestamptz)` })
    .where(and(eq(notifications.userId, userId), inArray(notifications.id, ids)));
}

/** Publishes "user X has notification N" to every API instance (delivered when the transaction commits). */
export async function publishNotification(db: Executor, userId: string, id: number): Promise<void> {
  await db.execute(sql`select pg_notify(${NOTIFICATIONS_CHANNEL}, ${JSON.stringify({ userId, id })})`);
}

export const NOTIFICATIONS_CHANNEL = 'notifications';

/** The E.164 form of a call's number (the user's own call only). */
export async function findCallPhone(db: Executor, userId: string, callId: string): Promise<string | null | undefined> {
  const [row] = await db
    .select({ phoneE164: calls.phoneE164 })
    .from(calls)
    .where(and(eq(calls.id, callId), eq(calls.userId, userId)))
    .limit(1);
  return row?.phoneE164;
}

/** The list of an attempt's call (null: a personal call) and who logged the attempt. */
export async function findAttemptList(
  db: Executor,
  historyId: string,
): Promise<{ listId: string | null; loggedBy: string | null } | undefined> {
  const [row] = await db
    .select({ listId: calls.listId, loggedBy: callStatusHistory.createdBy })
    .from(callStatusHistory)
    .innerJoin(calls, eq(calls.id, callStatusHistory.callId))
    .where(eq(callStatusHistory.id, historyId))
    .limit(1);
  return row;
}
