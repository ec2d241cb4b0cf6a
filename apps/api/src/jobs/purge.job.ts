import { RESTORE_WINDOW_DAYS } from '@ct/contracts/constants';
import { purgeDeletedCalls } from '../modules/calls/index.ts';
import { purgeExpiredSessions } from '../modules/auth/index.ts';
import { purgeChallenges } from '../modules/mfa/index.ts';
import { refreshAfterBulkChange } from '../lib/table-statistics.ts';
import type { JobDefinition } from './job.ts';
import { purgeRuns } from './jobs.repository.ts';

const DAY_MS = 86_400_000;
/** job_runs rows are kept this long (enough to read what happened, bounded). */
const JOB_RUNS_KEPT_DAYS = 30;
const BATCH = 1_000;

/**
 * Daily clean-up: expired sessions (and revoked ones once their refresh tokens would have expired
 * anyway, so a replay is still recognised until then), ended two-factor sign-in challenges, calls soft-deleted more than RESTORE_WINDOW_DAYS ago (their
 * history and reminders go by cascade), and old job runs, in bounded batches.
 */
export const purgeJob: JobDefinition = {
  id: 'purge',
  schedule: { every: 'day' },
  description: 'Purge expired sessions and 2FA challenges, calls deleted 30+ days ago and old job runs',
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
    return { sessions, challenges, calls, runs };
  },
  // A purge of many calls (their history and reminders by cascade) ends with fresh statistics and the
  // dead rows vacuumed, on both databases (lib/table-statistics.ts).
  async afterCommit(app, summary) {
    await refreshAfterBulkChange(app, summary.calls ?? 0, ['calls', 'call_status_history', 'reminders']);
  },
};
