import { and, desc, eq, lt } from 'drizzle-orm';
import { jobRuns, type Executor } from '@ct/db';

/**
 * Claims (job, period): the insert is the lock. Inside the job's transaction, a second instance's
 * insert of the same key waits for the first to commit (then does nothing) or roll back (then claims
 * it itself), so a period is done once, on PGlite and PostgreSQL alike.
 */
export async function claimRun(tx: Executor, job: string, period: string, now: Date): Promise<boolean> {
  const rows = await tx
    .insert(jobRuns)
    .values({ job, period, startedAt: now, status: 'running' })
    .onConflictDoNothing({ target: [jobRuns.job, jobRuns.period] })
    .returning({ job: jobRuns.job });
  return rows.length === 1;
}

export async function finishRun(tx: Executor, job: string, period: string, finishedAt: Date): Promise<void> {
  await tx
    .update(jobRuns)
    .set({ status: 'succeeded', finishedAt })
    .where(and(eq(jobRuns.job, job), eq(jobRuns.period, period)));
}

/** After a rolled-back run: records the failure, unless another instance has claimed the period since. */
export async function recordFailedRun(
  db: Executor,
  job: string,
  period: string,
  at: Date,
  error: string,
): Promise<void> {
  await db
    .insert(jobRuns)
    .values({ job, period, startedAt: at, finishedAt: at, status: 'failed', error: error.slice(0, 2000) })
    .onConflictDoNothing({ target: [jobRuns.job, jobRuns.period] });
}

/** The key of the job's latest succeeded period (keys of one job sort chronologically). */
export async function lastSucceededPeriod(db: Executor, job: string): Promise<string | undefined> {
  const [row] = await db
    .select({ period: jobRuns.period })
    .from(jobRuns)
    .where(and(eq(jobRuns.job, job), eq(jobRuns.status, 'succeeded')))
    .orderBy(desc(jobRuns.period))
    .limit(1);
  return row?.period;
}

export async function listRuns(db: Executor, job?: string) {
  return db
    .select()
    .from(jobRuns)
    .where(job ? eq(jobRuns.job, job) : undefined)
    .orderBy(jobRuns.job, jobRuns.period);
}

/** Forgets runs older than `before` (the purge job). */
export async function purgeRuns(db: Executor, before: Date): Promise<number> {
  const rows = await db.delete(jobRuns).where(lt(jobRuns.startedAt, before)).returning({ job: jobRuns.job });
  return rows.length;
}
