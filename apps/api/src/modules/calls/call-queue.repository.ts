import { and, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { calls, QUEUE_OPEN, teamLists, users, type Executor } from '@ct/db';
import type { CallRow } from './calls.mapper.ts';

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
 * The queue's tiers, tried in turn: due callbacks (earliest first), contacts never called, then the
 * oldest last call. Each is walked along its own partial index (packages/db, `calls_queue_*_idx`):
 * the conditions and order below are those indexes' predicate and columns, as literal text.
 */
export const QUEUE_TIERS = [
  {
    name: 'due',
    where: sql.raw('next_reminder_at is not null'),
    order: sql.raw('next_reminder_at, id'),
    when: (now: Date, cooldownStart: Date) =>
      sql`next_reminder_at <= ${now} and (last_call_at is null or last_call_at <= ${cooldownStart})`,
  },
  {
    name: 'fresh',
    where: sql.raw('next_reminder_at is null and last_call_at is null'),
    order: sql.raw('id'),
    when: () => sql`true`,
  },
  {
    name: 'called',
    where: sql.raw('next_reminder_at is null and last_call_at is not null'),
    order: sql.raw('last_call_at, id'),
    when: (_now: Date, cooldownStart: Date) => sql`last_call_at <= ${cooldownStart}`,
  },
] as const;

export type QueueTier = (typeof QUEUE_TIERS)[number];

/**
 * One tier's claim, one statement: the subquery locks the first free row along the tier's index
 * (skipping rows other claims hold locked), the update leases it and returns it. Built apart so that
 * the plan test explains exactly what runs.
 */
export function claimStatement(db: Executor, r: ClaimRequest, tier: QueueTier) {
  const cooldownStart = new Date(r.now.getTime() - r.cooldownMinutes * 60_000);
  const excluded = r.exclude.length
    ? sql`and id not in (${sql.join(
        r.exclude.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`
    : sql``;
  return db
    .update(calls)
    .set({ leaseHolderId: r.userId, leaseExpiresAt: r.leaseUntil })
    .where(
      sql`${calls.id} = (
        select id from calls
         where list_id = ${r.listId} and ${sql.raw(QUEUE_OPEN)} and ${tier.where}
           and ${tier.when(r.now, cooldownStart)}
           and attempts < ${r.maxAttempts}
           and (assignee_id is null or assignee_id = ${r.userId})
           and (lease_expires_at is null or lease_expires_at <= ${r.now})
           ${excluded}
         order by ${tier.order}
         limit 1
         for update skip locked)`,
    )
    .returning();
}

/**
 * Claims the next callable contact of the list for `userId`, in the queue's order (QUEUE_TIERS).
 * Skipped: a contact leased by someone else, assigned to someone else, closed, unreachable, at the
 * attempt cap, called within the cooldown, or with a callback set for later. Undefined when nothing is
 * callable now.
 */
export async function claimNext(db: Executor, r: ClaimRequest): Promise<CallRow | undefined> {
  for (const tier of QUEUE_TIERS) {
    const [row] = await claimStatement(db, r, tier);
    if (row) return row;
  }
  return undefined;
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
    .where(
      and(
        inArray(calls.listId, listIds),
        isNotNull(calls.leaseHolderId),
        gt(calls.leaseExpiresAt, now),
        isNull(calls.deletedAt),
      ),
    )
    .orderBy(users.name, calls.id);
}
