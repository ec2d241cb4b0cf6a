import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { teamMembers, teams, users, type Executor } from '@ct/db';
import type { TeamRole } from '@ct/contracts';
import { isUniqueViolation } from '../../lib/sql.ts';

export type TeamRow = typeof teams.$inferSelect;

export interface MemberRow {
  teamId: string;
  userId: string;
  role: TeamRole;
  name: string;
  email: string;
  disabled: boolean;
  joinedAt: Date;
}

/** Every team (an admin's view), by name. */
export async function listAllTeams(db: Executor) {
  return db
    .select()
    .from(teams)
    .orderBy(asc(sql`lower(${teams.name})`), asc(teams.id));
}

/** The teams `userId` is a member of, by name, with their role in each. */
export async function listTeamsOfMember(db: Executor, userId: string) {
  return db
    .select({
      id: teams.id,
      name: teams.name,
      createdAt: teams.createdAt,
      updatedAt: teams.updatedAt,
      myRole: teamMembers.role,
    })
    .from(teams)
    .innerJoin(teamMembers, and(eq(teamMembers.teamId, teams.id), eq(teamMembers.userId, userId)))
    .orderBy(asc(sql`lower(${teams.name})`), asc(teams.id));
}

export async function findTeam(db: Executor, id: string) {
  const [row] = await db.select().from(teams).where(eq(teams.id, id)).limit(1);
  return row;
}

/** Null when the name is taken (whatever its case): the unique index answers races. */
export async function createTeam(db: Executor, name: string) {
  const [row] = await db.insert(teams).values({ name }).onConflictDoNothing().returning();
  return row ?? null;
}

/** Null when another team has that name (the unique index answers races). */
export async function renameTeam(db: Executor, id: string, name: string) {
  try {
    const [row] = await db
      .update(teams)
      .set({ name, updatedAt: sql`now()` })
      .where(eq(teams.id, id))
      .returning();
    return row ?? null;
  } catch (err) {
    if (isUniqueViolation(err)) return null;
    throw err;
  }
}

/** The members of the given teams with their account's name, email and state, leads first. */
export async function listMembers(db: Executor, teamIds: string[]): Promise<MemberRow[]> {
  if (teamIds.length === 0) return [];
  return db
    .select({
      teamId: teamMembers.teamId,
      userId: teamMembers.userId,
      role: teamMembers.role,
      name: users.name,
      email: users.email,
      disabled: users.disabled,
      joinedAt: teamMembers.createdAt,
    })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(inArray(teamMembers.teamId, teamIds))
    .orderBy(sql`${teamMembers.role} = 'lead' desc`, asc(sql`lower(${users.name})`), asc(users.id));
}

/** `userId`'s place in the team, or null when not a member. */
export async function memberRole(db: Executor, teamId: string, userId: string): Promise<TeamRole | null> {
  const [row] = await db
    .select({ role: teamMembers.role })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)))
    .limit(1);
  return row?.role ?? null;
}

/** Adds the member, or changes the role of one already there; answers the role it had before (or null). */
export async function upsertMember(db: Executor, teamId: string, userId: string, role: TeamRole) {
  const before = await db
    .select({ role: teamMembers.role })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)))
    .for('update');
  await db
    .insert(teamMembers)
    .values({ teamId, userId, role })
    .onConflictDoUpdate({ target: [teamMembers.teamId, teamMembers.userId], set: { role } });
  return before[0]?.role ?? null;
}

/** Whether a member was removed. */
export async function removeMember(db: Executor, teamId: string, userId: string) {
  const rows = await db
    .delete(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)))
    .returning({ userId: teamMembers.userId });
  return rows.length > 0;
}
