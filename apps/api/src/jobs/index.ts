import { analyzeJob } from './analyze.job.ts';
import { digestJob } from './digest.job.ts';
import { fakeNumbersJob } from './fake-numbers.job.ts';
import type { JobDefinition } from './job.ts';
import { purgeJob } from './purge.job.ts';
import { reminderDueJob } from './reminder-due.job.ts';
import { remindersPendingJob } from './reminders-pending.job.ts';
import { teamOverdueJob } from './team-overdue.job.ts';

/**
 * Every scheduled job, in the order a tick runs them. Detection before notification: a number flagged
 * this tick is not announced as an ordinary call later in it.
 */
export const JOBS: readonly JobDefinition[] = [
  fakeNumbersJob,
  reminderDueJob,
  remindersPendingJob,
  teamOverdueJob,
  digestJob,
  purgeJob,
  analyzeJob,
];
