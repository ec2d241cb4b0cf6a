import { and, asc, eq, gt, inArray, isNotNull, isNull, notExists, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  callStatusHistory,
  calls,
  notifications,
  reminders,
  settings,
  teamLists,
  teamMembers,
  teams,
  users,
  type Executor,
} from '@ct/db';

/**
 * The reads of the scheduled jobs over calls and reminders (the jobs' own queries); what they write
 * goes through the calls module.
 */

const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** `reminder_due:<reminder id>:<due time in ms>`: one notification per reminder and due time. */
export const reminderDueKey = (reminderId: string, scheduledAt: Date) =>
  `reminder_due:${reminderId}:${scheduledAt.getTime()}`;
const reminderDueKeySql = sql`'reminder_due:' || ${reminders.id} || ':' || floor(extract(epoch from ${reminders.scheduledAt}) * 1000)::bigint`;

/**
 * Open reminders whose notification time (scheduled_at − the user's pre-reminder delay) has come,
 * that were still ahead at `since`, that the user wants to hear about (urgent ones always), on live
 * calls, and not notified yet for this due time.
 */
export async function listDueReminders(db: Executor, since: Date, now: Date, limit = 5_000) {
  const notifyAt = sql`${reminders.scheduledAt} - make_interval(mins => ${settings.preReminderDelay})`;
  return db
    .select({
      reminder: reminders,
      call: {
        firstName: calls.contactFirstName,
        lastName: calls.contactLastName,
        phone: calls.phone,
        phoneE164: calls.phoneE164,
      },
    })
    .from(reminders)
    .innerJoin(calls, and(eq(calls.id, reminders.callId), isNull(calls.deletedAt)))
    .innerJoin(settings, eq(settings.userId, reminders.userId))
    .innerJoin(users, and(eq(users.id, reminders.userId), eq(users.disabled, false)))
    .where(
      and(
        eq(reminders.done, false),
        sql`${reminders.scheduledAt} > ${at(since)}`,
        // The longest pre-reminder delay is a day: bounds the index range scan.
        sql`${reminders.scheduledAt} <= ${at(new Date(now.getTime() + 1_440 * 60_000))}`,
        sql`${notifyAt} <= ${at(now)}`,
        or(
          eq(reminders.priority, 'urgent'),
          and(eq(settings.enableNotifications, true), eq(settings.notifReminder, true)),
        ),
        notExists(
          db
            .select({ one: sql`1` })
            .from(notifications)
            .where(and(eq(notifications.userId, reminders.userId), eq(notifications.dedupeKey, reminderDueKeySql))),
        ),
      ),
    )
    .orderBy(asc(reminders.userId), asc(reminders.scheduledAt))
    .limit(limit);
}

/** A user's open reminders due before `dayEnd` (today's and overdue), and how many are already late. */
export async function countOpenReminders(db: Executor, userId: string, dayEnd: Date, now: Date) {
  const [row] = await db
    .select({
      total: sql<number>`count(*)::int`,
      overdue: sql<number>`(count(*) filter (where ${reminders.scheduledAt} < ${at(now)}))::int`,
    })
    .from(reminders)
    .innerJoin(calls, and(eq(calls.id, reminders.callId), isNull(calls.deletedAt)))
    .where(and(eq(reminders.userId, userId), eq(reminders.done, false), sql`${reminders.scheduledAt} < ${at(dayEnd)}`));
  return { total: Number(row?.total ?? 0), overdue: Number(row?.overdue ?? 0) };
}

const changedSince = (since: Date | null): SQL | undefined =>
  since ? or(sql`${calls.updatedAt} > ${at(since)}`, sql`${calls.createdAt} > ${at(since)}`) : undefined;

/** Live, unflagged calls (changed since `since`, or all), by id pages, with the owner's phone region. */
export async function listUnflaggedCalls(db: Executor, afterId: string | null, since: Date | null, limit: number) {
  return db
    .select({ id: calls.id, userId: calls.userId, phone: calls.phone, region: settings.phoneRegion })
    .from(calls)
    .innerJoin(settings, eq(settings.userId, calls.userId))
    .where(
      and(
        eq(calls.phoneFlagged, false),
        isNull(calls.deletedAt),
        afterId ? gt(calls.id, afterId) : undefined,
        changedSince(since),
      ),
    )
    .orderBy(asc(calls.id))
    .limit(limit);
}

/**
 * Unflagged live calls whose number is shared, among the user's live calls, by `minContacts` or more
 * different contacts (names compared case-insensitively); only numbers touched since `since`.
 */
export async function listSharedNumberCalls(db: Executor, since: Date | null, minContacts: number) {
  const name = sql`lower(trim(${calls.contactFirstName} || ' ' || ${calls.contactLastName}))`;
  const shared = db
    .select({ userId: calls.userId, phoneE164: calls.phoneE164 })
    .from(calls)
    .where(and(isNull(calls.deletedAt), isNotNull(calls.phoneE164)))
    .groupBy(calls.userId, calls.phoneE164)
    .having(
      and(
        sql`count(distinct ${name}) >= ${minContacts}`,
        since ? sql`max(greatest(${calls.updatedAt}, ${calls.createdAt})) > ${at(since)}` : undefined,
      ),
    )
    .as('shared');
  return db
    .select({ id: calls.id, userId: calls.userId })
    .from(calls)
    .innerJoin(shared, and(eq(shared.userId, calls.userId), eq(shared.phoneE164, calls.phoneE164)))
    .where(and(eq(calls.phoneFlagged, false), isNull(calls.deletedAt)));
}

/**
 * Unflagged live calls whose number the same user has logged as wrong_number before (on this or any
 * other of their calls); only what changed since `since` (a new wrong_number entry, or a call).
 */
export async function listWrongNumberCalls(db: Executor, since: Date | null) {
  const logged = db
    .select({
      userId: calls.userId,
      phoneE164: calls.phoneE164,
      loggedAt: sql<Date>`max(${callStatusHistory.createdAt})`.as('logged_at'),
    })
    .from(callStatusHistory)
    .innerJoin(calls, eq(calls.id, callStatusHistory.callId))
    .where(and(eq(callStatusHistory.status, 'wrong_number'), isNotNull(calls.phoneE164)))
    .groupBy(calls.userId, calls.phoneE164)
    .as('logged');
  return db
    .select({ id: calls.id, userId: calls.userId })
    .from(calls)
    .innerJoin(logged, and(eq(logged.userId, calls.userId), eq(logged.phoneE164, calls.phoneE164)))
    .where(
      and(
        eq(calls.phoneFlagged, false),
        isNull(calls.deletedAt),
        since ? or(sql`${logged.loggedAt} > ${at(since)}`, changedSince(since)) : undefined,
      ),
    );
}

/**
 * For each of `leadIds` who leads a team: per member of those teams, the open reminders already due
 * (scheduled before `now`) that the member holds on live calls of the team's lists. Members without
 * any are absent.
 */
export async function listTeamOverdueCallbacks(db: Executor, leadIds: string[], now: Date) {
  if (leadIds.length === 0) return [];
  const lead = alias(teamMembers, 'lead');
  return db
    .select({
      leadId: lead.userId,
      teamId: teams.id,
      teamName: teams.name,
      memberId: teamMembers.userId,
      memberName: users.name,
      overdue: sql<number>`count(*)::int`,
    })
    .from(lead)
    .innerJoin(teams, eq(teams.id, lead.teamId))
    .innerJoin(teamMembers, eq(teamMembers.teamId, lead.teamId))
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .innerJoin(teamLists, eq(teamLists.teamId, lead.teamId))
    .innerJoin(calls, and(eq(calls.listId, teamLists.id), isNull(calls.deletedAt)))
    .innerJoin(
      reminders,
      and(
        eq(reminders.callId, calls.id),
        eq(reminders.userId, teamMembers.userId),
        eq(reminders.done, false),
        sql`${reminders.scheduledAt} < ${at(now)}`,
      ),
    )
    .where(and(eq(lead.role, 'lead'), inArray(lead.userId, leadIds)))
    .groupBy(lead.userId, teams.id, teams.name, teamMembers.userId, users.name)
    .orderBy(asc(lead.userId), asc(sql`lower(${teams.name})`), asc(sql`lower(${users.name})`));
}
