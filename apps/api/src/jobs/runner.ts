import type { FastifyInstance } from 'fastify';
import { periodLengthMs, periodOf, periodStartOf, type JobDefinition, type JobSummary } from './job.ts';
import { claimRun, finishRun, lastSucceededPeriod, recordFailedRun } from './jobs.repository.ts';

export type JobResult =
  | { job: string; period: string; status: 'succeeded'; summary: JobSummary }
  | { job: string; period: string; status: 'skipped' }
  | { job: string; period: string; status: 'failed'; error: string };

/** How far back a run after an outage looks (one catch-up run, not one per missed period). */
export const MAX_CATCH_UP_MS = 24 * 3_600_000;
const TICK_MS = 60_000;

/**
 * Runs the jobs of the current period, once per (job, period) across every instance sharing the
 * database (docs/decisions/0020-jobs-exactly-once.md). `tick(now)` is the whole algorithm — the
 * timer only calls it every minute, and tests call it with the manual clock.
 */
export class JobRunner {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;

  constructor(
    private readonly app: FastifyInstance,
    readonly jobs: readonly JobDefinition[],
  ) {}

  /** Runs each job's current period if no instance has yet; jobs run one after the other. */
  async tick(now: Date = this.app.clock.now()): Promise<JobResult[]> {
    const results: JobResult[] = [];
    for (const job of this.jobs) results.push(await this.runJob(job, now));
    return results;
  }

  private async runJob(job: JobDefinition, now: Date): Promise<JobResult> {
    const { app } = this;
    const period = periodOf(job.schedule, now);
    const log = app.log.child({ job: job.id, period: period.key });
    const lastKey = await lastSucceededPeriod(app.db, job.id);
    const lastRunAt = lastKey ? periodStartOf(lastKey) : null;
    const floor = Math.max(period.start.getTime() - MAX_CATCH_UP_MS, 0);
    const since = new Date(
      Math.max(lastRunAt?.getTime() ?? period.start.getTime() - periodLengthMs(job.schedule), floor),
    );
    const outbox = app.notifications.outbox();
    try {
      const summary = await app.db.transaction(async (tx) => {
        if (!(await claimRun(tx, job.id, period.key, now))) return null;
        const counts = await job.run({ app, tx, now, period, since, lastRunAt, outbox, log });
        await finishRun(tx, job.id, period.key, app.clock.now());
        return counts;
      });
      if (!summary) return { job: job.id, period: period.key, status: 'skipped' };
      await outbox.flush();
      if (job.afterCommit)
        await job.afterCommit(app, summary).catch((err: unknown) => log.warn({ err }, 'after the run: failed'));
      if (Object.values(summary).some((n) => n > 0)) log.info({ summary }, 'job run');
      return { job: job.id, period: period.key, status: 'succeeded', summary };
    } catch (err) {
      log.error({ err }, 'job run failed');
      const message = err instanceof Error ? err.message : String(err);
      await recordFailedRun(app.db, job.id, period.key, app.clock.now(), message).catch((e: unknown) =>
        log.warn({ err: e }, 'could not record the failed run'),
      );
      return { job: job.id, period: period.key, status: 'failed', error: message };
    }
  }

  /** Whether the timer is running (the jobs plugin starts it unless JOBS_DISABLED). */
  get started(): boolean {
    return this.timer !== undefined;
  }

  /** Ticks at each minute boundary (timers unref'd: they never keep the process alive). */
  start(): void {
    if (this.timer || this.stopped) return;
    const schedule = () => {
      const wall = Date.now();
      this.timer = setTimeout(
        () => {
          if (this.stopped) return;
          if (!this.running) {
            this.running = this.tick()
              .catch((err: unknown) => this.app.log.error({ err }, 'job tick failed'))
              .finally(() => (this.running = undefined));
          }
          schedule();
        },
        TICK_MS - (wall % TICK_MS) + 250,
      );
      this.timer.unref();
    };
    schedule();
  }

  /** Stops the timer and waits for a tick in progress to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
