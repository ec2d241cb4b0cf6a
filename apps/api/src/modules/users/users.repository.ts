import { and, asc, count, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import { settings, users, type Executor } from '@ct/db';
import { DEFAULT_SETTINGS, type ProfilePatch, type Role } from '@ct/contracts';
import { escapeLike } from '../../lib/sql.ts';

export type UserRow = typeof users.$inferSelect;

export async function findUserByEmail(db: Executor, email: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`)
    .limit(1);
  return row;
}

export async function findUserById(db: Executor, id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

/** Creates a user with default settings; the unique email index answers races. */
export async function createUser(
  db: Executor,
  values: { email: string; name: string; passwordHash: string; role: Role },
) {
  const [user] = await db
    .insert(users)
    .values({
      email: values.email.toLowerCase(),
      name: values.name,
      passwordHash: values.passwordHash,
      role: values.role,
    })
    .onConflictDoNothing()
    .returning();
  if (user) await db.insert(settings).values({ userId: user.id, ...DEFAULT_SETTINGS });
  return user;
}

export async function updateUser(
  db: Executor,
  id: string,
  patch: ProfilePatch & { role?: Role; disabled?: boolean; passwordHash?: string; lastLoginAt?: Date },
) {
  const [row] = await db
    .update(users)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(users.id, id))
    .returning();
  return row;
}

/**
 * Active admins other than `exceptId`, with their rows locked until the transaction ends: two admins
 * demoting each other at once are serialised here, and the second sees the first's change (PostgreSQL
 * re-checks the condition on the locked rows), so the last admin can never be removed by a race.
 */
export async function countActiveAdmins(db: Executor, exceptId?: string) {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.disabled, false)))
    .for('update');
  return rows.filter((r) => r.id !== exceptId).length;
}

export async function listUsers(db: Executor, f: { q?: string | undefined; page: number; pageSize: number }) {
  const condition = f.q
    ? or(ilike(users.email, `%${escapeLike(f.q)}%`), ilike(users.name, `%${escapeLike(f.q)}%`))
    : undefined;
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(users)
      .where(condition)
      .orderBy(asc(users.email))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(users).where(condition),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}

/** The users columns a user's context is made of (never the hash). */
const contextColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  language: users.language,
  timezone: users.timezone,
  dateFormat: users.dateFormat,
  timeFormat: users.timeFormat,
};

export type UserContextRow = {
  user: { [K in keyof typeof contextColumns]: UserRow[K] };
  settings: typeof settings.$inferSelect | null;
};

/**
 * Enabled users with their settings row (null when they have none), ordered by id: the ones given, or
 * all of them. A missing or disabled user is simply not in the answer.
 */
export async function findActiveUsersWithSettings(db: Executor, ids?: string[]): Promise<UserContextRow[]> {
  if (ids && ids.length === 0) return [];
  return db
    .select({ user: contextColumns, settings })
    .from(users)
    .leftJoin(settings, eq(settings.userId, users.id))
    .where(and(eq(users.disabled, false), ids ? inArray(users.id, ids) : undefined))
    .orderBy(asc(users.id));
}
