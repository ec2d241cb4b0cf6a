import { sql, type SQL } from 'drizzle-orm';
import { calls, teamLists, teamMembers, users } from '@ct/db';

/**
 * Who sees a call (docs/decisions/0062-team-call-visibility.md): its owner, and, while it is on a team
 * list, every member of that list's team and every admin. Anyone else gets 404, as for an unknown id.
 *
 * These are SQL fragments on `calls`, so that one rule serves the detail, the writes, the reminders
 * and the list; they read the teams' tables (owned by the teams and lists modules, which import this
 * module — the other way round would be a cycle).
 */

const isAdmin = (userId: string) =>
  sql`exists (select 1 from ${users} where ${users.id} = ${userId} and ${users.role} = 'admin')`;

/** The team of `listId` has `userId` as a member (with `role`, when given). */
const memberOfListTeam = (listId: SQL | string, userId: string, role?: 'lead') =>
  sql`exists (select 1 from ${teamLists} join ${teamMembers} on ${teamMembers.teamId} = ${teamLists.teamId}
     where ${teamLists.id} = ${listId} and ${teamMembers.userId} = ${userId}${role ? sql` and ${teamMembers.role} = ${role}` : sql``})`;

/** The calls `userId` may read and log. */
export function visibleTo(userId: string): SQL {
  return sql`(${calls.userId} = ${userId} or (${calls.listId} is not null and (${memberOfListTeam(sql`${calls.listId}`, userId)} or ${isAdmin(userId)})))`;
}

/**
 * Of a visible call, whether `userId` may also edit its fields, delete or restore it: its owner, and
 * on a team list the team's leads and the admins. A plain member reads and logs only.
 */
export function editableBy(userId: string): SQL<boolean> {
  return sql<boolean>`(${calls.userId} = ${userId} or (${calls.listId} is not null and (${memberOfListTeam(sql`${calls.listId}`, userId, 'lead')} or ${isAdmin(userId)})))`;
}

/** Whether `userId` may see the calls of list `listId` (a member of its team, or an admin). */
export function listVisibleTo(listId: string, userId: string): SQL<boolean> {
  return sql<boolean>`(${memberOfListTeam(listId, userId)} or ${isAdmin(userId)})`;
}

/** Whether `userId` leads the team of list `listId`, or is an admin: who assigns its calls. */
export function listLedBy(listId: string, userId: string): SQL<boolean> {
  return sql<boolean>`(${memberOfListTeam(listId, userId, 'lead')} or ${isAdmin(userId)})`;
}
