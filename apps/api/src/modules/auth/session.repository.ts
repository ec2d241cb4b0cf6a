import { and, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { refreshTokens, sessions, users, type Executor } from '@ct/db';

export async function createSession(
  db: Executor,
  values: { userId: string; expiresAt: Date; now: Date; ip: string | null; userAgent: string | null },
) {
  const [row] = await db
    .insert(sessions)
    .values({
      userId: values.userId,
      expiresAt: values.expiresAt,
      createdAt: values.now,
      lastUsedAt: values.now,
      ip: values.ip,
      userAgent: values.userAgent?.slice(0, 512) ?? null,
    })
    .returning();
  if (!row) throw new Error('session insert returned nothing');
  return row;
}

export async function insertRefreshToken(db: Executor, sessionId: string, tokenHash: string, now: Date) {
  await db.insert(refreshTokens).values({ sessionId, tokenHash, createdAt: now });
}

/**
 * The check every authenticated request makes, as a prepared statement: built once per database
 * (not per request), and on PostgreSQL parsed and planned once per connection.
 */
function prepareFindActiveSession(db: Executor) {
  return db
    .select({
      sessionId: sessions.id,
      userId: users.id,
      role: users.role,
      email: users.email,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, sql.placeholder('sessionId')),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql.placeholder('now')),
        eq(users.disabled, false),
      ),
    )
    .limit(1)
    .prepare('find_active_session');
}
const findActiveSessionStatements = new WeakMap<Executor, ReturnType<typeof prepareFindActiveSession>>();

/** The live session behind an access token, with its user, or undefined if revoked/expired/disabled. */
export async function findActiveSession(db: Executor, sessionId: string, now: Date) {
  let statement = findActiveSessionStatements.get(db);
  if (!statement) {
    statement = prepareFindActiveSession(db);
    findActiveSessionStatements.set(db, statement);
  }
  const [row] = await statement.execute({ sessionId, now });
  return row;
}

/**
 * Marks a refresh token used, atomically: of two concurrent refreshes with the same token exactly one
 * gets the row back. Returns the token's session either way so the caller can tell reuse from unknown.
 */
export async function consumeRefreshToken(db: Executor, tokenHash: string, now: Date) {
  const [consumed] = await db
    .update(refreshTokens)
    .set({ usedAt: now })
    .where(and(eq(refreshTokens.tokenHash, tokenHash), isNull(refreshTokens.usedAt)))
    .returning({ sessionId: refreshTokens.sessionId });
  if (consumed) return { state: 'fresh' as const, sessionId: consumed.sessionId };
  const [known] = await db
    .select({ sessionId: refreshTokens.sessionId })
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, tokenHash))
    .limit(1);
  return known ? { state: 'reused' as const, sessionId: known.sessionId } : { state: 'unknown' as const };
}

export async function findRefreshTokenSession(db: Executor, tokenHash: string): Promise<string | undefined> {
  const [row] = await db
    .select({ sessionId: refreshTokens.sessionId })
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, tokenHash))
    .limit(1);
  return row?.sessionId;
}

export async function findSessionWithUser(db: Executor, sessionId: string) {
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sessionId))
    .limit(1);
  return row;
}

export async function touchSession(db: Executor, sessionId: string, now: Date) {
  await db.update(sessions).set({ lastUsedAt: now }).where(eq(sessions.id, sessionId));
}

/** Revokes a live session; false if it was already revoked (so concurrent callers act once). */
export async function revokeSession(db: Executor, sessionId: string, reason: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length > 0;
}

/** Revokes every live session of a user, optionally sparing one (the caller's own). */
export async function revokeUserSessions(
  db: Executor,
  userId: string,
  reason: string,
  now: Date,
  exceptSessionId?: string,
) {
  return db
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        exceptSessionId ? ne(sessions.id, exceptSessionId) : undefined,
      ),
    )
    .returning({ id: sessions.id });
}

/**
 * Deletes sessions that can no longer be used (expired, or revoked more than `keepRevokedFor` ago so
 * reuse of their tokens is still detected for a while), in bounded batches that skip locked rows.
 */
export async function purgeExpiredSessions(db: Executor, now: Date, keepRevokedUntil: Date, batch = 500) {
  let removed = 0;
  for (;;) {
    const result = await db.execute<{ id: string }>(sql`
      delete from ${sessions} where ${sessions.id} in (
        select ${sessions.id} from ${sessions}
        where ${or(lt(sessions.expiresAt, now), lt(sessions.revokedAt, keepRevokedUntil))}
        limit ${batch} for update skip locked
      ) returning ${sessions.id}`);
    const count =
      (result as unknown as { rows?: unknown[] }).rows?.length ?? (result as unknown as unknown[]).length ?? 0;
    removed += count;
    if (count < batch) return removed;
  }
}
