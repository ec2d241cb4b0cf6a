import { pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { instant } from './columns.ts';

/**
 * One row per (job, period): inserting it is the claim, so a period runs once across every API
 * instance sharing the database (see docs/decisions/0020-jobs-exactly-once.md).
 */
export const jobRuns = pgTable(
  'job_runs',
  {
    job: text('job').notNull(),
    period: text('period').notNull(),
    startedAt: instant('started_at').notNull().defaultNow(),
    finishedAt: instant('finished_at'),
    status: text('status', { enum: ['running', 'succeeded', 'failed'] }).notNull().default('running'),
    error: text('error'),
  },
  (t) => [primaryKey({ columns: [t.job, t.period] })],
);
