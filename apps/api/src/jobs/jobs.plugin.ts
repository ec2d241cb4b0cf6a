import fp from 'fastify-plugin';
import type { Env } from '../env.ts';
import { JOBS } from './index.ts';
import { JobRunner } from './runner.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The scheduled jobs of this instance; `app.jobs.tick(now)` runs the current periods. */
    jobs: JobRunner;
  }
}

/** JOBS_DISABLED always wins; tests (NODE_ENV=test) run jobs only when JOBS_ENABLED asks for it. */
export function shouldRunJobs(env: Pick<Env, 'JOBS_DISABLED' | 'JOBS_ENABLED' | 'NODE_ENV'>): boolean {
  return !env.JOBS_DISABLED && (env.JOBS_ENABLED || env.NODE_ENV !== 'test');
}

/**
 * Runs the jobs in the API process. The timer starts with the server unless JOBS_DISABLED is set;
 * under NODE_ENV=test it starts only with JOBS_ENABLED (tests call `tick` with their manual clock).
 * Stopped before the server closes, after the tick in progress.
 */
export const jobsPlugin = fp(
  async (app) => {
    const runner = new JobRunner(
      app,
      JOBS.filter((job) => !job.databases || job.databases.includes(app.database.kind)),
    );
    app.decorate('jobs', runner);
    if (shouldRunJobs(app.env)) app.addHook('onReady', async () => runner.start());
    app.addHook('preClose', () => runner.stop());
  },
  { name: 'jobs', dependencies: ['notifications'] },
);
