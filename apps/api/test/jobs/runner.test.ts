import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';
import { insertCall, insertReminder, notificationsOf } from '../helpers/rows.ts';
import { JobRunner } from '../../src/jobs/runner.ts';
import { listRuns } from '../../src/jobs/jobs.repository.ts';
import { remindersPendingJob } from '../../src/jobs/reminders-pending.job.ts';
import { periodOf, periodStartOf, type JobDefinition } from '../../src/jobs/job.ts';

// Monday 2 March 2026: Paris is UTC+1, so 09:00 there is 08:00Z.
const MONDAY_0900_PARIS = '2026-03-02T08:00:00.000Z';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-02T07:00:00Z' });
});
afterAll(() => t.close());

/** A user with one overdue reminder, so their day's list is never empty. */
async function userWithReminder(timezone = 'Europe/Paris') {
  const user = await createUser(t.database, { timezone });
  const call = await insertCall(t.database, user.id);
  await insertReminder(t.database, call, '2026-02-27T10:00:00Z');
  return user;
}

describe('period keys', () => {
  it('name UTC minutes, hours and days, and read back as their start', () => {
    const now = new Date('2026-03-29T07:00:42.123Z');
    expect(periodOf({ every: 'minute' }, now)).toEqual({
      key: 'minute:2026-03-29T07:00Z',
      start: new Date('2026-03-29T07:00:00Z'),
    });
    expect(periodOf({ every: 'hour' }, now).key).toBe('hour:2026-03-29T07Z');
    expect(periodOf({ every: 'day' }, now).key).toBe('day:2026-03-29');
    expect(periodStartOf('hour:2026-03-29T07Z')).toEqual(new Date('2026-03-29T07:00:00Z'));
    expect(periodStartOf('day:2026-03-29')).toEqual(new Date('2026-03-29T00:00:00Z'));
    expect(periodStartOf('nonsense')).toBeNull();
  });
});

describe('JobRunner.tick', () => {
  it('runs each job once per period: a second tick in the same period skips them all', async () => {
    const now = new Date('2026-03-02T07:30:10Z');
    const first = await t.app.jobs.tick(now);
    expect(first.map((r) => r.status)).toEqual(first.map(() => 'succeeded'));
    const again = await t.app.jobs.tick(new Date('2026-03-02T07:30:50Z'));
    expect(again.map((r) => r.status)).toEqual(again.map(() => 'skipped'));
    const runs = await listRuns(t.database.db);
    for (const job of t.app.jobs.jobs) {
      expect(runs.filter((r) => r.job === job.id && r.period === periodOf(job.schedule, now).key)).toHaveLength(1);
    }
    expect(runs.every((r) => r.status === 'succeeded' && r.finishedAt)).toBe(true);
  });

  it("sends the day's list once at the start of work, and never again that day (ticks after, clock moved back)", async () => {
    const user = await userWithReminder();
    const runner = new JobRunner(t.app, [remindersPendingJob]);
    await runner.tick(new Date('2026-03-02T07:59:00Z'));
    expect(await notificationsOf(t.database, user.id)).toHaveLength(0);
    await runner.tick(new Date(MONDAY_0900_PARIS));
    await runner.tick(new Date('2026-03-02T08:01:00Z'));
    await runner.tick(new Date('2026-03-02T07:56:00Z')); // the clock went back 5 minutes
    await runner.tick(new Date(MONDAY_0900_PARIS));
    await runner.tick(new Date('2026-03-02T08:02:00Z'));
    const rows = await notificationsOf(t.database, user.id);
    expect(rows.map((n) => [n.type, n.title, n.createdAt.toISOString()])).toEqual([
      ['reminders_pending', "1 rappel à faire aujourd'hui", MONDAY_0900_PARIS],
    ]);
    const runs = await listRuns(t.database.db, 'reminders_pending');
    expect(new Set(runs.map((r) => r.period)).size).toBe(runs.length);
  });

  it('after an outage, catches up once: the missed start of work is sent at restart, by a single run', async () => {
    const user = await userWithReminder();
    const runner = new JobRunner(t.app, [remindersPendingJob]);
    // Last run Tuesday 06:00Z (07:00 Paris); the instances are down until 10:31Z (11:31 Paris).
    await runner.tick(new Date('2026-03-03T06:00:00Z'));
    const before = (await listRuns(t.database.db, 'reminders_pending')).length;
    const [result] = await runner.tick(new Date('2026-03-03T10:31:00Z'));
    expect(result).toMatchObject({ status: 'succeeded', period: 'minute:2026-03-03T10:31Z' });
    expect((await listRuns(t.database.db, 'reminders_pending')).length).toBe(before + 1);
    const rows = (await notificationsOf(t.database, user.id)).filter(
      (n) => n.dedupeKey === 'reminders_pending:2026-03-03',
    );
    expect(rows.map((n) => n.createdAt.toISOString())).toEqual(['2026-03-03T10:31:00.000Z']);
  });

  it('a user whose work fails is rolled back and logged; the others are notified and the run succeeds', async () => {
    const good = await userWithReminder();
    const bad = await userWithReminder();
    await t.database.db.execute(
      sql.raw(`create or replace function test_fail_notifications() returns trigger language plpgsql as $$
        begin if new.user_id = '${bad.id}' then raise exception 'refused for this user'; end if; return new; end $$`),
    );
    await t.database.db.execute(
      sql.raw(
        'create trigger test_fail_notifications before insert on notifications for each row execute function test_fail_notifications()',
      ),
    );
    try {
      const runner = new JobRunner(t.app, [remindersPendingJob]);
      const [result] = await runner.tick(new Date('2026-03-04T08:00:00Z'));
      expect(result).toMatchObject({ status: 'succeeded', summary: { failed: 1 } });
      expect((await notificationsOf(t.database, good.id)).map((n) => n.dedupeKey)).toContain(
        'reminders_pending:2026-03-04',
      );
      expect(await notificationsOf(t.database, bad.id)).toHaveLength(0);
      expect(t.logs.some((l) => l.msg === 'job item failed; the others go on' && l.userId === bad.id)).toBe(true);
    } finally {
      await t.database.db.execute(sql.raw('drop trigger test_fail_notifications on notifications'));
      await t.database.db.execute(sql.raw('drop function test_fail_notifications()'));
    }
  });

  it('records a failed run (rolled back, error kept); the next period covers its window', async () => {
    const seen: { since: string; now: string }[] = [];
    let fail = true;
    const flaky: JobDefinition = {
      id: 'test_flaky',
      schedule: { every: 'minute' },
      description: 'fails once',
      async run(ctx) {
        seen.push({ since: ctx.since.toISOString(), now: ctx.now.toISOString() });
        await ctx.tx.execute(sql`select 1`);
        if (fail) throw new Error('flaky failure');
        return { done: 1 };
      },
    };
    const runner = new JobRunner(t.app, [flaky]);
    await runner.tick(new Date('2026-03-05T10:00:00Z'));
    fail = true;
    const [failed] = await runner.tick(new Date('2026-03-05T10:01:00Z'));
    expect(failed).toMatchObject({ status: 'failed', error: 'flaky failure' });
    fail = false;
    const [ok] = await runner.tick(new Date('2026-03-05T10:02:00Z'));
    expect(ok).toMatchObject({ status: 'succeeded' });
    const runs = await listRuns(t.database.db, 'test_flaky');
    expect(runs.map((r) => [r.period, r.status])).toEqual([
      ['minute:2026-03-05T10:00Z', 'failed'],
      ['minute:2026-03-05T10:01Z', 'failed'],
      ['minute:2026-03-05T10:02Z', 'succeeded'],
    ]);
    expect(runs[1]!.error).toBe('flaky failure');
    // No run ever succeeded before 10:02: it looks one period back; a later run starts after it.
    expect(seen.at(-1)).toEqual({ since: '2026-03-05T10:01:00.000Z', now: '2026-03-05T10:02:00.000Z' });
    const [next] = await runner.tick(new Date('2026-03-05T10:05:00Z'));
    expect(next?.status).toBe('succeeded');
    expect(seen.at(-1)).toEqual({ since: '2026-03-05T10:02:00.000Z', now: '2026-03-05T10:05:00.000Z' });
  });
});
