import { and, count, eq, gt, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { mfaChallenges, mfaRecoveryCodes, userMfa, type Executor } from '@ct/db';

export type UserMfaRow = typeof userMfa.$inferSelect;

export async function findMfa(db: Executor, userId: string): Promise<UserMfaRow | undefined> {
  const [row] = await db.select().from(userMfa).where(eq(userMfa.userId, userId)).limit(1);
  return row;
}

/**
 * Stores a new pending enrolment, replacing an earlier pending one; an enabled authenticator is left
 * alone (undefined comes back), so a second device can never silently replace the first.
 */
export async function savePendingMfa(db: Executor, userId: string, secretEncrypted: string, now: Date) {
  const [row] = await db
    .insert(userMfa)
    .values({ userId, secretEncrypted, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: userMfa.userId,
      set: { secretEncrypted, lastUsedStep: null, createdAt: now, updatedAt: now },
      setWhere: isNull(userMfa.enabledAt),
    })
    .returning();
  return row;
}

/**
 * Turns a pending enrolment on, with the step of its confirming code as the last one used — only if
 * it is still the secret the code was checked against (a concurrent new enrolment would replace it).
 */
export async function enableMfa(db: Executor, userId: string, secretEncrypted: string, step: number, now: Date) {
  const [row] = await db
    .update(userMfa)
    .set({ enabledAt: now, lastUsedStep: step, updatedAt: now })
    .where(and(eq(userMfa.userId, userId), isNull(userMfa.enabledAt), eq(userMfa.secretEncrypted, secretEncrypted)))
    .returning();
  return row;
}

/**
 * Records `step` as used, atomically: of two requests carrying the same code, exactly one moves the
 * step forward; the other (and any older code) is a replay.
 */
export async function claimStep(db: Executor, userId: string, step: number, now: Date): Promise<boolean> {
  const rows = await db
    .update(userMfa)
    .set({ lastUsedStep: step, updatedAt: now })
    .where(
      and(
        eq(userMfa.userId, userId),
        isNotNull(userMfa.enabledAt),
        or(isNull(userMfa.lastUsedStep), lt(userMfa.lastUsedStep, step)),
      ),
    )
    .returning({ userId: userMfa.userId });
  return rows.length === 1;
}

/** Removes the authenticator, the recovery codes and any sign-in waiting for a code. */
export async function deleteMfa(db: Executor, userId: string) {
  await db.delete(mfaChallenges).where(eq(mfaChallenges.userId, userId));
  await db.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
  await db.delete(userMfa).where(eq(userMfa.userId, userId));
}

/**
 * Removes an enabled authenticator with its recovery codes and open challenges (the admin reset);
 * false when 2FA was not on. The row is deleted first, so of two concurrent resets one finds it.
 */
export async function deleteEnabledMfa(db: Executor, userId: string): Promise<boolean> {
  const removed = await db
    .delete(userMfa)
    .where(and(eq(userMfa.userId, userId), isNotNull(userMfa.enabledAt)))
    .returning({ userId: userMfa.userId });
  if (removed.length === 0) return false;
  await db.delete(mfaChallenges).where(eq(mfaChallenges.userId, userId));
  await db.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
  return true;
}

/** Of these users, the ones with 2FA on (the admin user list). */
export async function findUsersWithMfa(db: Executor, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const found = await db
    .select({ userId: userMfa.userId })
    .from(userMfa)
    .where(and(inArray(userMfa.userId, userIds), isNotNull(userMfa.enabledAt)));
  return new Set(found.map((r) => r.userId));
}

export async function replaceRecoveryCodes(db: Executor, userId: string, hashes: string[], now: Date) {
  await db.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
  await db.insert(mfaRecoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash, createdAt: now })));
}

export async function listUnusedRecoveryCodes(db: Executor, userId: string) {
  return db
    .select({ id: mfaRecoveryCodes.id, codeHash: mfaRecoveryCodes.codeHash })
    .from(mfaRecoveryCodes)
    .where(and(eq(mfaRecoveryCodes.userId, userId), isNull(mfaRecoveryCodes.usedAt)));
}

export async function countUnusedRecoveryCodes(db: Executor, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(mfaRecoveryCodes)
    .where(and(eq(mfaRecoveryCodes.userId, userId), isNull(mfaRecoveryCodes.usedAt)));
  return row?.n ?? 0;
}

/** Spends a recovery code, atomically: it works once, even for two concurrent requests. */
export async function useRecoveryCode(db: Executor, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(mfaRecoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(mfaRecoveryCodes.id, id), isNull(mfaRecoveryCodes.usedAt)))
    .returning({ id: mfaRecoveryCodes.id });
  return rows.length === 1;
}

export async function createChallenge(
  db: Executor,
  values: { userId: string; tokenHash: string; expiresAt: Date; now: Date },
) {
  await db.insert(mfaChallenges).values({
    userId: values.userId,
    tokenHash: values.tokenHash,
    expiresAt: values.expiresAt,
    createdAt: values.now,
  });
}

/** A challenge still open: unused, unexpired, not worn out by wrong codes. */
export async function findOpenChallenge(db: Executor, tokenHash: string, now: Date, maxFailures: number) {
  const [row] = await db
    .select()
    .from(mfaChallenges)
    .where(
      and(
        eq(mfaChallenges.tokenHash, tokenHash),
        isNull(mfaChallenges.usedAt),
        gt(mfaChallenges.expiresAt, now),
        lt(mfaChallenges.failedAttempts, maxFailures),
      ),
    )
    .limit(1);
  return row;
}

/** Marks the challenge used, atomically: of two requests completing it, one wins. */
export async function consumeChallenge(db: Executor, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(mfaChallenges)
    .set({ usedAt: now })
    .where(and(eq(mfaChallenges.id, id), isNull(mfaChallenges.usedAt), gt(mfaChallenges.expiresAt, now)))
    .returning({ id: mfaChallenges.id });
  return rows.length === 1;
}

export async function countChallengeFailure(db: Executor, id: string) {
  await db
    .update(mfaChallenges)
    .set({ failedAttempts: sql`${mfaChallenges.failedAttempts} + 1` })
    .where(eq(mfaChallenges.id, id));
}

/** Challenges that ended (expired or used) before `before` (the purge job). */
export async function purgeChallenges(db: Executor, before: Date): Promise<number> {
  const rows = await db
    .delete(mfaChallenges)
    .where(lt(mfaChallenges.expiresAt, before))
    .returning({ id: mfaChallenges.id });
  return rows.length;
}
