import { sql } from 'drizzle-orm';
import { RESTORE_WINDOW_DAYS } from '@ct/contracts/constants';
import { purgeDeletedCalls } from '../modules/calls/index.ts';
import { purgeExpiredSessions } from '../modules/auth/index.ts';
import { purgeChallenges } from '../modules/mfa/index.ts';
import type { JobDefinition } from './job.ts';
import { purgeRuns } from './jobs.repository.ts';

const DAY_MS = 86_400_000;
/** job_runs rows are kept this long (enough to read what happened, bounded). */
const JOB_RUNS_KEPT_DAYS = 30;
const BATCH = 1_000;

/**
 * Daily clean-up: expired sessions (and revoked ones once their refresh tokens would have expired
 * anyway, so a replay is still recognised until then), ended two-factor sign-in challenges, calls soft-deleted more than RESTORE_WINDOW_DAYS ago (their
 * history and reminders go by cascade), and old job runs, in bounded batches; then, on the embedded
 * database, fresh planner statistics.
 */
export const purgeJob: JobDefinition = {
  id: 'purge',
  schedule: { every: 'day' },
  description: 'Purge expired sessions and 2FA challenges, calls deleted 30+ days ago and old job runs; analyze on PGlite',
  async run(ctx) {
    const { now, tx } = ctx;
    const sessions = await purgeExpiredSessions(
      tx,
      now,
      new Date(now.getTime() - ctx.app.env.REFRESH_IDLE_DAYS * DAY_MS),
    );
    const challenges = await purgeChallenges(tx, now);
    let calls = 0;
    for (;;) {
      const ids = await purgeDeletedCalls(tx, new Date(now.getTime() - RESTORE_WINDOW_DAYS * DAY_MS), BATCH);
      calls += ids.length;
      if (ids.length < BATCH) break;
    }
    const runs = await purgeRuns(tx, new Date(now.getTime() - JOB_RUNS_KEPT_DAYS * DAY_MS));
    // PGlite has no autovacuum: without fresh statistics the planner guesses one row per table and the
    // report queries turn into nested loops (measured 10× slower on the demo data).
    if (ctx.app.database.kind === 'pglite') await tx.execute(sql`analyze`);
    return { sessions, challenges, calls, runs };
  },
};
