import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { calls, teamLists, users, type Executor } from '@ct/db';
import type { CallRow } from './calls.mapper.ts';
import { stillCallable } from './list-calls.repository.ts';

/**
 * The queue of a team list: who is calling which contact. A claim is a lease on the call row
 * (`lease_holder_id`, `lease_expires_at`): `FOR UPDATE SKIP LOCKED` lets concurrent callers each take
 * a different row without waiting on one another, and an expired lease is free again without a job.
 */

export interface ClaimRequest {
  listId: string;
  userId: string;
  now: Date;
  leaseUntil: Date;
  cooldownMinutes: number;
  maxAttempts: number;
  /** Calls the caller skipped in this session: not handed out again to them now. */
  exclude: string[];
}

/** The live lease `userId` holds on the list, if any (a reload resumes it). */
export async function findHeldLease(db: Executor, listId: string, userId: string, now: Date) {
  const [row] = await db
    .select()
    .from(calls)
    .where(
      and(
        eq(calls.listId, listId),
        eq(calls.leaseHolderId, userId),
        gt(calls.leaseExpiresAt, now),
        isNull(calls.deletedAt),
      ),
    )
    .limit(1);
  return row;
}

/**
 * Claims the next callable contact of the list for `userId`, in the queue's order: due callbacks
 * first (earliest first), then contacts never called, then the oldest last call. Skipped: a contact
 * leased by someone else, assigned to someone else, closed, unreachable, at the attempt cap, called
 * within the cooldown, or with a callback set for later. Undefined when nothing is callable now.
 */
export async function claimNext(db: Executor, r: ClaimRequest): Promise<CallRow | undefined> {
  const cooldownStart = new Date(r.now.getTime() - r.cooldownMinutes * 60_000);
  const excluded = r.exclude.length
    ? sql`and ${calls.id} not in (${sql.join(
        r.exclude.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`
    : sql``;
  const result = await db.execute<{ id: string }>(sql`
    with candidate as (
      select ${calls.id} from ${calls}
       where ${calls.listId} = ${r.listId} and ${calls.deletedAt} is null
         and ${stillCallable(r.maxAttempts)}
         and (${calls.assigneeId} is null or ${calls.assigneeId} = ${r.userId})
         and (${calls.leaseExpiresAt} is null or ${calls.leaseExpiresAt} <= ${r.now})
         and (${calls.lastCallAt} is null or ${calls.lastCallAt} <= ${cooldownStart})
         and (${calls.nextReminderAt} is null or ${calls.nextReminderAt} <= ${r.now})
         ${excluded}
       order by (${calls.nextReminderAt} is not null) desc, ${calls.nextReminderAt} asc,
                (${calls.lastCallAt} is null) desc, ${calls.lastCallAt} asc, ${calls.id} asc
       limit 1
       for update skip locked
    )
    update ${calls} set lease_holder_id = ${r.userId}, lease_expires_at = ${r.leaseUntil}
     where id = (select id from candidate)
     returning id`);
  const [claimed] = (result as unknown as { rows: { id: string }[] }).rows;
  if (!claimed) return undefined;
  const [row] = await db.select().from(calls).where(eq(calls.id, claimed.id)).limit(1);
  return row;
}

/** Gives a lease back; false when `userId` held no live lease on that call. */
export async function releaseLease(db: Executor, listId: string, callId: string, userId: string): Promise<boolean> {
  const rows = await db
    .update(calls)
    .set({ leaseHolderId: null, leaseExpiresAt: null })
    .where(and(eq(calls.id, callId), eq(calls.listId, listId), eq(calls.leaseHolderId, userId)))
    .returning({ id: calls.id });
  return rows.length > 0;
}

/**
 * Ends every lease `userId` holds (a disabled account), or only those on a team's lists (a member
 * removed); returns how many, and the lists (with their team) whose presence changed.
 */
export async function releaseLeasesOf(db: Executor, userId: string, teamId?: string) {
  const rows = await db
    .update(calls)
    .set({ leaseHolderId: null, leaseExpiresAt: null })
    .where(
      and(
        eq(calls.leaseHolderId, userId),
        teamId ? sql`${calls.listId} in (select id from team_lists where team_id = ${teamId})` : undefined,
      ),
    )
    .returning({ listId: calls.listId });
  const listIds = [...new Set(rows.map((r) => r.listId).filter((id): id is string => id !== null))];
  const lists = listIds.length
    ? await db
        .select({ listId: teamLists.id, teamId: teamLists.teamId })
        .from(teamLists)
        .where(inArray(teamLists.id, listIds))
    : [];
  return { released: rows.length, lists };
}

/** Who holds a live lease on the list's calls now: the live presence of a list. */
export async function listLiveLeases(db: Executor, listIds: string[], now: Date) {
  if (listIds.length === 0) return [];
  return db
    .select({
      listId: sql<string>`${calls.listId}`,
      userId: users.id,
      name: users.name,
      callId: calls.id,
      firstName: calls.contactFirstName,
      lastName: calls.contactLastName,
      expiresAt: sql<Date>`${calls.leaseExpiresAt}`.mapWith(calls.leaseExpiresAt),
    })
    .from(calls)
    .innerJoin(users, eq(users.id, calls.leaseHolderId))
    .where(and(inArray(calls.listId, listIds), gt(calls.leaseExpiresAt, now), isNull(calls.deletedAt)))
    .orderBy(users.name, calls.id);
}
