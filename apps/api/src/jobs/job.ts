import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Tx } from '@ct/db';
import type { Outbox } from '../modules/notifications/index.ts';

/** How often a job runs. Periods are UTC; per-user local times are the handlers' business. */
export type Schedule = { every: 'minute' } | { every: 'hour' } | { every: 'day' };

export interface Period {
  /** The run key stored in job_runs, e.g. `minute:2026-03-29T07:00Z`; one run per (job, key). */
  key: string;
  start: Date;
}

export interface JobContext {
  app: FastifyInstance;
  /** The job's transaction: the claim, every write of the run and its pushes commit together. */
  tx: Tx;
  /** The tick's instant (the app clock). */
  now: Date;
  period: Period;
  /**
   * This run covers local events in (since, now]: since = the start of the last succeeded period of
   * the job, at most 24 h back (a longer outage catches up once, not period by period).
   */
  since: Date;
  /** Start of the last succeeded period, uncapped; null on the job's very first run. */
  lastRunAt: Date | null;
  /** Notifications written by the run; delivered (emails, events) once the transaction commits. */
  outbox: Outbox;
  log: FastifyBaseLogger;
}

/** Counts a run reports (logged, returned by tick for tests). */
export type JobSummary = Record<string, number>;

/** A job is data: an id, a schedule and a handler. Handlers must be idempotent (docs/decisions/0020-jobs-exactly-once.md). */
export interface JobDefinition {
  id: string;
  schedule: Schedule;
  description: string;
  /** Only on these databases (the embedded one's housekeeping); both when absent. */
  databases?: readonly ('pglite' | 'postgres')[];
  run(ctx: JobContext): Promise<JobSummary>;
  /**
   * Work that cannot run inside the run's transaction (VACUUM), after it committed, with its summary.
   * A failure is logged; the run stays succeeded.
   */
  afterCommit?(app: FastifyInstance, summary: JobSummary): Promise<void>;
}

const PERIOD_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

export function periodLengthMs(schedule: Schedule): number {
  return PERIOD_MS[schedule.every];
}

/** The period holding `now`. */
export function periodOf(schedule: Schedule, now: Date): Period {
  const length = PERIOD_MS[schedule.every];
  const start = new Date(Math.floor(now.getTime() / length) * length);
  const iso = start.toISOString();
  const key =
    schedule.every === 'minute'
      ? `minute:${iso.slice(0, 16)}Z`
      : schedule.every === 'hour'
        ? `hour:${iso.slice(0, 13)}Z`
        : `day:${iso.slice(0, 10)}`;
  return { key, start };
}

/** The start of the period a stored key names (null for a key of another shape). */
export function periodStartOf(key: string): Date | null {
  const match = /^(minute|hour|day):(\d{4}-\d{2}-\d{2})(?:T(\d{2})(?::(\d{2}))?Z)?$/.exec(key);
  if (!match) return null;
  const [, , date, hour = '00', minute = '00'] = match;
  const start = new Date(`${date}T${hour}:${minute}:00.000Z`);
  return Number.isNaN(start.getTime()) ? null : start;
}

/**
 * Runs `fn` for each item in a savepoint of the job's transaction: a failing user is rolled back and
 * logged, the others go on (the job still succeeds, reporting how many failed).
 */
export async function eachIsolated<T>(
  ctx: JobContext,
  items: Iterable<T>,
  describe: (item: T) => Record<string, unknown>,
  fn: (tx: Tx, item: T) => Promise<void>,
): Promise<{ ok: number; failed: number }> {
  let ok = 0;
  let failed = 0;
  for (const item of items) {
    const mark = ctx.outbox.mark();
    try {
      await ctx.tx.transaction((sp) => fn(sp, item));
      ok++;
    } catch (err) {
      ctx.outbox.rollbackTo(mark);
      failed++;
      ctx.log.error({ err, ...describe(item) }, 'job item failed; the others go on');
    }
  }
  return { ok, failed };
}
