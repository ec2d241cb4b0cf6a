import { and, eq, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import { callStatusHistory, calls, QUEUE_OPEN, reminders, teamLists, teamMembers, users, type Executor } from '@ct/db';
import { CALL_STATUSES, CLOSING_STATUSES, type CallStatus } from '@ct/contracts';
import { listLedBy, listVisibleTo } from './call-visibility.ts';
import { QUEUE_TIERS } from './call-queue.repository.ts';

/**
 * The calls' side of team lists: which calls are on a list, how far a list has come. The lists
 * module owns the lists themselves; this file owns the SQL on `calls` and their history for them.
 */

const live = isNull(calls.deletedAt);
const closing = sql.join(
  CLOSING_STATUSES.map((s) => sql`${s}`),
  sql`, `,
);

/**
 * A call the queue could still hand out some day: open, reachable, under the list's attempt cap. The
 * queue's claim applies it too (with the rules of the moment: leases, cooldown, later callbacks).
 */
export function stillCallable(maxAttempts: SQL | number): SQL {
  return sql`(${calls.status} not in (${closing}) and not ${calls.unreachable} and ${calls.attempts} < ${maxAttempts})`;
}

/**
 * Whether the list still holds a call the queue could hand out some day (stillCallable), asked of the
 * queue's three partial indexes (packages/db `QUEUE_OPEN`) so that it stops at the first such call
 * instead of counting the list: the check runs after every attempt logged on a list.
 */
export function callableCheck(listId: string, maxAttempts: number): SQL {
  const exists = QUEUE_TIERS.map(
    (tier) =>
      sql`exists (select 1 from calls where list_id = ${listId} and ${sql.raw(QUEUE_OPEN)} and ${tier.where}
                   and attempts < ${maxAttempts})`,
  );
  return sql`select ${sql.join(exists, sql` or `)} as open`;
}

export async function hasCallableCalls(db: Executor, listId: string, maxAttempts: number): Promise<boolean> {
  const result = await db.execute<{ open: boolean }>(callableCheck(listId, maxAttempts));
  return (result as unknown as { rows: { open: boolean }[] }).rows[0]?.open ?? false;
}

/** Total and remaining calls of each list (lists with no call are absent). */
export async function countListCalls(
  db: Executor,
  lists: { id: string; maxAttempts: number }[],
): Promise<Map<string, { total: number; remaining: number }>> {
  const counts = new Map<string, { total: number; remaining: number }>();
  if (lists.length === 0) return counts;
  const caps = sql.join(
    lists.map((l) => sql`(${l.id}::uuid, ${l.maxAttempts}::int)`),
    sql`, `,
  );
  const rows = await db
    .select({
      listId: calls.listId,
      total: sql<number>`count(*)::int`,
      remaining: sql<number>`(count(*) filter (where ${stillCallable(sql`caps.max_attempts`)}))::int`,
    })
    .from(calls)
    .innerJoin(sql`(values ${caps}) as caps(list_id, max_attempts)`, sql`caps.list_id = ${calls.listId}`)
    .where(live)
    .groupBy(calls.listId);
  for (const row of rows) if (row.listId) counts.set(row.listId, { total: row.total, remaining: row.remaining });
  return counts;
}

/** One list's calls: how many, how many still callable, and by outcome (no history read). */
export async function listOutcomes(db: Executor, listId: string, maxAttempts: number) {
  const rows = await db
    .select({
      status: calls.status,
      n: sql<number>`count(*)::int`,
      remaining: sql<number>`(count(*) filter (where ${stillCallable(maxAttempts)}))::int`,
    })
    .from(calls)
    .where(and(eq(calls.listId, listId), live))
    .groupBy(calls.status);
  const byOutcome = Object.fromEntries(CALL_STATUSES.map((s) => [s, 0])) as Record<CallStatus, number>;
  for (const row of rows) byOutcome[row.status] = row.n;
  const total = rows.reduce((sum, row) => sum + row.n, 0);
  const remaining = rows.reduce((sum, row) => sum + row.remaining, 0);
  return { total, remaining, done: total - remaining, byOutcome };
}

/** One list's progress: calls by outcome, and per member the attempts logged and the calls assigned. */
export async function listProgress(db: Executor, listId: string, maxAttempts: number) {
  const outcomes = await listOutcomes(db, listId, maxAttempts);
  const attempts = await db
    .select({ userId: callStatusHistory.createdBy, n: sql<number>`count(*)::int` })
    .from(callStatusHistory)
    .innerJoin(calls, eq(calls.id, callStatusHistory.callId))
    .where(and(eq(calls.listId, listId), live))
    .groupBy(callStatusHistory.createdBy);
  const assigned = await db
    .select({ userId: calls.assigneeId, n: sql<number>`count(*)::int` })
    .from(calls)
    .where(and(eq(calls.listId, listId), live, sql`${calls.assigneeId} is not null`))
    .groupBy(calls.assigneeId);
  const ids = [...new Set([...attempts, ...assigned].map((r) => r.userId).filter((id): id is string => !!id))];
  const names = ids.length
    ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids))
    : [];
  const byMember = names
    .map((u) => ({
      userId: u.id,
      name: u.name,
      attempts: attempts.find((a) => a.userId === u.id)?.n ?? 0,
      assigned: assigned.find((a) => a.userId === u.id)?.n ?? 0,
    }))
    .sort((a, b) => b.attempts - a.attempts || a.name.localeCompare(b.name));
  return { ...outcomes, byMember };
}

/**
 * The live calls among `callIds` that `actorId` may put on a list of `teamId`: their own personal calls,
 * and calls already on a list of that team. With the list each is on now (null: personal).
 */
export async function findMovableCalls(db: Executor, actorId: string, teamListIds: string[], callIds: string[]) {
  const onTeam = teamListIds.length ? inArray(calls.listId, teamListIds) : sql`false`;
  return db
    .select({ id: calls.id, listId: calls.listId })
    .from(calls)
    .where(
      and(
        inArray(calls.id, callIds),
        live,
        sql`((${calls.listId} is null and ${calls.userId} = ${actorId}) or ${onTeam})`,
      ),
    )
    .for('update');
}

/** Puts the calls on the list; a call moved from another list loses its assignee and any lease. */
export async function putCallsOnList(db: Executor, listId: string, callIds: string[]) {
  if (callIds.length === 0) return;
  await db
    .update(calls)
    .set({
      listId,
      assigneeId: sql`case when ${calls.listId} = ${listId} then ${calls.assigneeId} else null end`,
      leaseHolderId: null,
      leaseExpiresAt: null,
      version: sql`${calls.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(inArray(calls.id, callIds));
}

async function holds(db: Executor, condition: SQL<boolean>): Promise<boolean> {
  const [row] = await db.select({ yes: condition }).from(sql`(select 1) as one`);
  return row?.yes === true;
}

/** Whether `userId` may see the calls of the list (a member of its team, or an admin). */
export const canSeeList = (db: Executor, listId: string, userId: string) => holds(db, listVisibleTo(listId, userId));

/** Whether `userId` leads the list's team or is an admin: who assigns its calls. */
export const leadsList = (db: Executor, listId: string, userId: string) => holds(db, listLedBy(listId, userId));

/** Whether `userId` is a member (or lead) of the list's team: who may be assigned its calls. */
export async function listTeamHasMember(db: Executor, listId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: teamMembers.userId })
    .from(teamLists)
    .innerJoin(teamMembers, eq(teamMembers.teamId, teamLists.teamId))
    .where(and(eq(teamLists.id, listId), eq(teamMembers.userId, userId)))
    .limit(1);
  return row !== undefined;
}

export async function teamOfList(db: Executor, listId: string): Promise<string> {
  const [row] = await db.select({ teamId: teamLists.teamId }).from(teamLists).where(eq(teamLists.id, listId));
  if (!row) throw new Error(`team list ${listId} not found`);
  return row.teamId;
}

/**
 * Sets the assignee of the list's live calls among `callIds` (null: anyone again); returns, for each
 * call it changed, the assignee it had. Calls not on the list are left out (the caller checks).
 */
export async function assignCalls(db: Executor, listId: string, callIds: string[], assigneeId: string | null) {
  if (callIds.length === 0) return { onList: [], changed: [] };
  const before = await db
    .select({ id: calls.id, assigneeId: calls.assigneeId })
    .from(calls)
    .where(and(eq(calls.listId, listId), live, inArray(calls.id, callIds)))
    .for('update');
  const changing = before.filter((c) => c.assigneeId !== assigneeId);
  if (changing.length)
    await db
      .update(calls)
      .set({ assigneeId, version: sql`${calls.version} + 1`, updatedAt: sql`now()` })
      .where(
        inArray(
          calls.id,
          changing.map((c) => c.id),
        ),
      );
  return { onList: before.map((c) => c.id), changed: changing };
}

/**
 * Takes calls off their team list: each becomes its owner's personal call again (no assignee, no
 * lease), and the open reminders other members held on it go to the owner, who alone sees it now.
 */
export async function takeCallsOffList(db: Executor, listId: string, callIds: string[]) {
  if (callIds.length === 0) return { calls: [], reminders: 0 };
  const moved = await db
    .update(calls)
    .set({
      listId: null,
      assigneeId: null,
      leaseHolderId: null,
      leaseExpiresAt: null,
      version: sql`${calls.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(calls.listId, listId), inArray(calls.id, callIds)))
    .returning({ id: calls.id, userId: calls.userId });
  const handed = moved.length
    ? await db
        .update(reminders)
        .set({ userId: sql`(select ${calls.userId} from ${calls} where ${calls.id} = ${reminders.callId})` })
        .where(
          and(
            inArray(
              reminders.callId,
              moved.map((c) => c.id),
            ),
            eq(reminders.done, false),
            sql`${reminders.userId} <> (select ${calls.userId} from ${calls} where ${calls.id} = ${reminders.callId})`,
          ),
        )
        .returning({ id: reminders.id })
    : [];
  return { calls: moved, reminders: handed.length };
}

/**
 * A member leaves a team (or their account is disabled, `teamId` undefined: every team): the calls
 * of its lists assigned to them are anyone's again, and their open reminders on those calls — which
 * they no longer see unless they own the call — go to the call's owner. Returns the counts.
 */
export async function handOverTeamWorkOf(db: Executor, userId: string, teamId?: string) {
  const ofTeam = teamId
    ? sql`${calls.listId} in (select ${teamLists.id} from ${teamLists} where ${teamLists.teamId} = ${teamId})`
    : sql`${calls.listId} is not null`;
  const unassigned = await db
    .update(calls)
    .set({ assigneeId: null, version: sql`${calls.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(calls.assigneeId, userId), ofTeam))
    .returning({ id: calls.id });
  const handed = await db
    .update(reminders)
    .set({ userId: sql`(select ${calls.userId} from ${calls} where ${calls.id} = ${reminders.callId})` })
    .where(
      and(
        eq(reminders.userId, userId),
        eq(reminders.done, false),
        sql`${reminders.callId} in (select ${calls.id} from ${calls} where ${ofTeam} and ${ne(calls.userId, userId)})`,
      ),
    )
    .returning({ id: reminders.id });
  return { unassigned: unassigned.length, reminders: handed.length };
}
