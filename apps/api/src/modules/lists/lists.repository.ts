import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { teamLists, teamMembers, teams, type Executor } from '@ct/db';
import { isUniqueViolation } from '../../lib/sql.ts';

export type ListRow = typeof teamLists.$inferSelect & { teamName: string };

const columns = {
  id: teamLists.id,
  teamId: teamLists.teamId,
  teamName: teams.name,
  name: teamLists.name,
  cooldownMinutes: teamLists.cooldownMinutes,
  maxAttempts: teamLists.maxAttempts,
  createdBy: teamLists.createdBy,
  archivedAt: teamLists.archivedAt,
  createdAt: teamLists.createdAt,
  updatedAt: teamLists.updatedAt,
};

/** The lists of the given teams, archived ones or not, by team then name. */
export async function listLists(db: Executor, teamIds: string[], archived: boolean): Promise<ListRow[]> {
  if (teamIds.length === 0) return [];
  return db
    .select(columns)
    .from(teamLists)
    .innerJoin(teams, eq(teams.id, teamLists.teamId))
    .where(
      and(
        inArray(teamLists.teamId, teamIds),
        archived ? isNotNull(teamLists.archivedAt) : isNull(teamLists.archivedAt),
      ),
    )
    .orderBy(asc(sql`lower(${teams.name})`), asc(sql`lower(${teamLists.name})`), asc(teamLists.id));
}

export async function findList(db: Executor, id: string): Promise<ListRow | undefined> {
  const [row] = await db
    .select(columns)
    .from(teamLists)
    .innerJoin(teams, eq(teams.id, teamLists.teamId))
    .where(eq(teamLists.id, id))
    .limit(1);
  return row;
}

/** The list if `userId` is a member of its team (one query: the queue's claim runs it every time). */
export async function findListOfMember(db: Executor, id: string, userId: string): Promise<ListRow | undefined> {
  const [row] = await db
    .select(columns)
    .from(teamLists)
    .innerJoin(teams, eq(teams.id, teamLists.teamId))
    .innerJoin(teamMembers, and(eq(teamMembers.teamId, teamLists.teamId), eq(teamMembers.userId, userId)))
    .where(eq(teamLists.id, id))
    .limit(1);
  return row;
}

/** Every list of a team, archived ones too, by name. */
export async function listTeamLists(db: Executor, teamId: string): Promise<ListRow[]> {
  return db
    .select(columns)
    .from(teamLists)
    .innerJoin(teams, eq(teams.id, teamLists.teamId))
    .where(eq(teamLists.teamId, teamId))
    .orderBy(asc(sql`lower(${teamLists.name})`), asc(teamLists.id));
}

/** The ids of a team's lists (archived ones too). */
export async function listIdsOfTeam(db: Executor, teamId: string): Promise<string[]> {
  const rows = await db.select({ id: teamLists.id }).from(teamLists).where(eq(teamLists.teamId, teamId));
  return rows.map((r) => r.id);
}

/** Null when the team already has a list of that name (whatever its case). */
export async function createList(
  db: Executor,
  values: { teamId: string; name: string; cooldownMinutes: number; maxAttempts: number; createdBy: string },
) {
  const [row] = await db.insert(teamLists).values(values).onConflictDoNothing().returning({ id: teamLists.id });
  return row ?? null;
}

/** False when the new name is taken in the team (the unique index answers races). */
export async function updateList(
  db: Executor,
  id: string,
  patch: { name?: string; cooldownMinutes?: number; maxAttempts?: number; archivedAt?: Date | null },
): Promise<boolean> {
  try {
    await db
      .update(teamLists)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(teamLists.id, id));
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}
