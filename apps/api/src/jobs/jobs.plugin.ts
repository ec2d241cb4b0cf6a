import fp from 'fastify-plugin';
import { JOBS } from './index.ts';
import { JobRunner } from './runner.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The scheduled jobs of this instance; `app.jobs.tick(now)` runs the current periods. */
    jobs: JobRunner;
  }
}

/**
 * Runs the jobs in the API process. The timer starts with the server unless JOBS_DISABLED is set;
 * under NODE_ENV=test it starts only with JOBS_ENABLED (tests call `tick` with their manual clock).
 * Stopped before the server closes, after the tick in progress.
 */
export const jobsPlugin = fp(
  async (app) => {
    const runner = new JobRunner(app, JOBS);
    app.decorate('jobs', runner);
    const { JOBS_DISABLED, JOBS_ENABLED, NODE_ENV } = app.env;
    if (!JOBS_DISABLED && (JOBS_ENABLED || NODE_ENV !== 'test')) {
      app.addHook('onReady', async () => runner.start());
    }
    app.addHook('preClose', () => runner.stop());
  },
  { name: 'jobs', dependencies: ['notifications'] },
);
