import { describe, expect, it } from 'vitest';
import { createTestApp, listenOnLoopback } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';
import { signedIn } from '../helpers/client.ts';
import { openSse } from '../helpers/sse.ts';
import { shouldRunJobs } from '../../src/jobs/jobs.plugin.ts';

describe('when the job timer runs', () => {
  it.each([
    [{ NODE_ENV: 'production', JOBS_ENABLED: false, JOBS_DISABLED: false }, true],
    [{ NODE_ENV: 'development', JOBS_ENABLED: false, JOBS_DISABLED: false }, true],
    [{ NODE_ENV: 'production', JOBS_ENABLED: false, JOBS_DISABLED: true }, false],
    [{ NODE_ENV: 'test', JOBS_ENABLED: false, JOBS_DISABLED: false }, false],
    [{ NODE_ENV: 'test', JOBS_ENABLED: true, JOBS_DISABLED: false }, true],
    [{ NODE_ENV: 'test', JOBS_ENABLED: true, JOBS_DISABLED: true }, false],
  ] as const)('%o → %s', (env, expected) => {
    expect(shouldRunJobs(env)).toBe(expected);
  });
});

describe('app start and graceful shutdown', () => {
  it('starts the job timer when enabled; app.close() stops it and ends the open streams instead of waiting for them', async () => {
    const t = await createTestApp({ env: { JOBS_ENABLED: 'true' } });
    expect(t.app.jobs.started).toBe(true);
    const base = await listenOnLoopback(t.app);
    const agent = await signedIn(t.app, await createUser(t.database));
    const stream = await openSse(`${base}/me/notifications/stream`, {
      cookies: agent.cookies,
    });
    expect(stream.status).toBe(200);
    await t.app.notificationStreams.settled();
    const started = Date.now();
    await t.close();
    await stream.ended;
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(t.app.notificationStreams.count()).toBe(0);
    expect(t.app.jobs.started).toBe(false);
  }, 60_000);
});
