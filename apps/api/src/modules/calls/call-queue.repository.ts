import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { calls, type Executor } from '@ct/db';
import { CLOSING_STATUSES } from '@ct/contracts';
import type { CallRow } from './calls.mapper.ts';

/**
 * The queue of a team list: who is calling which contact. A claim is a lease on the call row
 * (`lease_holder_id`, `lease_expires_at`): `FOR UPDATE SKIP LOCKED` lets concurrent callers each take
 * a different row without waiting on one another, and an expired lease is free again without a job.
 */

const closing = sql.join(
  CLOSING_STATUSES.map((s) => sql`${s}`),
  sql`, `,
);

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
    ? sql`and c.id not in (${sql.join(
        r.exclude.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`
    : sql``;
  const result = await db.execute<{ id: string }>(sql`
    with candidate as (
      select c.id from calls c
       where c.list_id = ${r.listId} and c.deleted_at is null
         and c.status not in (${closing}) and not c.unreachable and c.attempts < ${r.maxAttempts}
         and (c.assignee_id is null or c.assignee_id = ${r.userId})
         and (c.lease_expires_at is null or c.lease_expires_at <= ${r.now})
         and (c.last_call_at is null or c.last_call_at <= ${cooldownStart})
         and (c.next_reminder_at is null or c.next_reminder_at <= ${r.now})
         ${excluded}
       order by (c.next_reminder_at is not null) desc, c.next_reminder_at asc,
                (c.last_call_at is null) desc, c.last_call_at asc, c.id asc
       limit 1
       for update skip locked
    )
    update calls set lease_holder_id = ${r.userId}, lease_expires_at = ${r.leaseUntil}
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

/** Ends every lease `userId` holds (a disabled account), or only those on a team's lists (a member removed). */
export async function releaseLeasesOf(db: Executor, userId: string, teamId?: string): Promise<number> {
  const rows = await db
    .update(calls)
    .set({ leaseHolderId: null, leaseExpiresAt: null })
    .where(
      and(
        eq(calls.leaseHolderId, userId),
        teamId ? sql`${calls.listId} in (select id from team_lists where team_id = ${teamId})` : undefined,
      ),
    )
    .returning({ id: calls.id });
  return rows.length;
}

/** Who holds a live lease on the list's calls now: the live presence of a list. */
export async function listLiveLeases(db: Executor, listId: string, now: Date) {
  return db
    .select({
      userId: calls.leaseHolderId,
      callId: calls.id,
      firstName: calls.contactFirstName,
      lastName: calls.contactLastName,
      expiresAt: calls.leaseExpiresAt,
    })
    .from(calls)
    .where(and(eq(calls.listId, listId), gt(calls.leaseExpiresAt, now), isNull(calls.deletedAt)));
}
