import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@ct/db';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';
import { insertCall, insertReminder, notificationsOf, updateSettings } from '../helpers/rows.ts';
import { buildInstance, createSharedDatabase, sharedPostgresUrl } from '../helpers/shared-database.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import type { App } from '../../src/app.ts';
import { JOBS } from '../../src/jobs/index.ts';
import { JobRunner } from '../../src/jobs/runner.ts';
import { listRuns } from '../../src/jobs/jobs.repository.ts';

// Monday 2 March 2026, 07:58Z–08:02Z: work starts at 08:00Z (09:00 Paris) in the middle.
const SLOTS = ['07:58', '07:59', '08:00', '08:01', '08:02'].map((hm) => new Date(`2026-03-02T${hm}:20Z`));

/** Two users with something for every job: an overdue reminder, one due at 08:10Z, a fake number; one user on daily digests. */
async function seed(database: Database, notifyCall: (userId: string) => Promise<void>) {
  const users = [];
  for (const daily of [false, true]) {
    const user = await createUser(database);
    const call = await insertCall(database, user.id, { createdAt: new Date('2026-03-01T10:00:00Z') });
    await insertReminder(database, call, '2026-02-27T10:00:00Z');
    await insertReminder(database, call, '2026-03-02T08:10:00Z');
    await insertCall(database, user.id, { phone: '06 39 98 00 01', createdAt: new Date('2026-03-01T10:00:00Z') });
    if (daily) {
      await updateSettings(database, user.id, { notifFrequency: 'daily' });
      await notifyCall(user.id);
    }
    users.push(user);
  }
  return users;
}

async function tickConcurrently(runners: JobRunner[]) {
  for (const slot of SLOTS) await Promise.all(runners.map((r) => r.tick(slot)));
}

async function expectOneRunPerPeriodAndOneSetOfNotifications(
  database: Database,
  users: { id: string }[],
  jobs: readonly { id: string }[] = JOBS,
) {
  const runs = await listRuns(database.db);
  const keys = runs.map((r) => `${r.job} ${r.period}`);
  expect(new Set(keys).size).toBe(keys.length);
  const perJob = Object.fromEntries(jobs.map((j) => [j.id, runs.filter((r) => r.job === j.id).length]));
  const expected: Record<string, number> = {
    fake_numbers: 2,
    reminder_due: 5,
    reminders_pending: 5,
    team_overdue_callbacks: 5,
    digest: 5,
    purge: 1,
    analyze: 5,
  };
  expect(perJob).toEqual(Object.fromEntries(jobs.map((j) => [j.id, expected[j.id]])));
  expect(runs.every((r) => r.status === 'succeeded')).toBe(true);
  const [realtime, daily] = await Promise.all(users.map((u) => notificationsOf(database, u.id)));
  expect(realtime!.map((n) => n.type).sort()).toEqual(['reminder_due', 'reminders_pending', 'wrong_number']);
  // The daily user: the three individual ones held (call_logged, reminder_due, wrong_number), one digest, one list.
  expect(daily!.map((n) => n.type).sort()).toEqual([
    'call_logged',
    'digest',
    'reminder_due',
    'reminders_pending',
    'wrong_number',
  ]);
}

const callLogged = (app: App) => async (userId: string) => {
  await app.notifications.notify(userId, {
    text: { kind: 'call_logged', contactName: 'Jeanne Martin', phone: '06 23 45 87 91', status: 'reached' },
    dedupeKey: `call_logged:seed-${userId}`,
    link: null,
  });
};

describe('three runners ticking the same slots at once (one database)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T07:00:00Z' });
  });
  afterAll(() => t.close());

  it('leave exactly one job_runs row per (job, period) and one set of notifications', async () => {
    const users = await seed(t.database, callLogged(t.app));
    const runners = [0, 1, 2].map(() => new JobRunner(t.app, JOBS));
    await tickConcurrently(runners);
    await expectOneRunPerPeriodAndOneSetOfNotifications(t.database, users);
  });
});

describe.skipIf(!sharedPostgresUrl)('three API instances, each with its own pool, on one PostgreSQL database', () => {
  // Needs TEST_DATABASE_URL: PGlite lives inside one process and cannot be shared between instances.
  let shared: Awaited<ReturnType<typeof createSharedDatabase>>;
  let apps: App[] = [];
  beforeAll(async () => {
    shared = await createSharedDatabase();
    apps = [];
    for (let i = 0; i < 3; i++)
      apps.push(await buildInstance(await shared.connect(), new ManualClock(new Date('2026-03-02T07:00:00Z'))));
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await shared?.drop();
  });

  it('run each period once between them, whichever instance gets there first', async () => {
    const users = await seed(apps[0]!.database, callLogged(apps[0]!));
    await tickConcurrently(apps.map((app) => app.jobs));
    // Each instance's runner holds the jobs of its database (the embedded one's analyze is not among them).
    await expectOneRunPerPeriodAndOneSetOfNotifications(apps[1]!.database, users, apps[0]!.jobs.jobs);
  });
});
