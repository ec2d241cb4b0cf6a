import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callStatusHistory, calls, jobRuns, mfaChallenges, reminders, sessions } from '@ct/db';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';
import { signedIn } from '../helpers/client.ts';
import { insertAttempt, insertCall, insertReminder } from '../helpers/rows.ts';
import { JobRunner } from '../../src/jobs/runner.ts';
import { purgeJob } from '../../src/jobs/purge.job.ts';

const NOW = new Date('2026-06-15T03:00:00Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp({ now: NOW });
});
afterAll(() => t.close());

describe('the purge job', () => {
  it('removes expired and long-revoked sessions, keeps live and recently revoked ones', async () => {
    const user = await createUser(t.database);
    const agent = await signedIn(t.app, user); // a live session
    const mk = async (values: { expiresAt: Date; revokedAt?: Date }) => {
      const [row] = await t.database.db
        .insert(sessions)
        .values({ userId: user.id, createdAt: daysAgo(40), lastUsedAt: daysAgo(40), ...values })
        .returning();
      return row!.id;
    };
    const expired = await mk({ expiresAt: daysAgo(1) });
    const revokedLongAgo = await mk({ expiresAt: daysAgo(-10), revokedAt: daysAgo(30) });
    const revokedRecently = await mk({ expiresAt: daysAgo(-10), revokedAt: daysAgo(1) });

    const [result] = await new JobRunner(t.app, [purgeJob]).tick(NOW);
    expect(result).toMatchObject({ status: 'succeeded', summary: { sessions: 2 } });
    const left = (
      await t.database.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, user.id))
    ).map((s) => s.id);
    expect(left).toContain(revokedRecently);
    expect(left).not.toContain(expired);
    expect(left).not.toContain(revokedLongAgo);
    expect((await agent.get('/me')).statusCode).toBe(200);
  });

  it('hard-deletes calls soft-deleted more than 30 days ago with their history and reminders, and nothing else', async () => {
    const user = await createUser(t.database);
    const old = await insertCall(t.database, user.id, { deletedAt: daysAgo(31) });
    await insertAttempt(t.database, old, 'no_answer', daysAgo(40));
    await insertReminder(t.database, old, daysAgo(35));
    const recent = await insertCall(t.database, user.id, { deletedAt: daysAgo(29) });
    const live = await insertCall(t.database, user.id);

    await new JobRunner(t.app, [purgeJob]).tick(new Date(NOW.getTime() + 86_400_000));
    const ids = (await t.database.db.select({ id: calls.id }).from(calls).where(eq(calls.userId, user.id)))
      .map((c) => c.id)
      .sort();
    expect(ids).toEqual([recent.id, live.id].sort());
    expect(
      await t.database.db.select().from(callStatusHistory).where(eq(callStatusHistory.callId, old.id)),
    ).toHaveLength(0);
    expect(await t.database.db.select().from(reminders).where(eq(reminders.callId, old.id))).toHaveLength(0);
  });

  it('removes two-factor sign-in challenges that have expired, and keeps open ones', async () => {
    const user = await createUser(t.database);
    const day = new Date('2026-06-18T00:00:30Z');
    const challenge = (tokenHash: string, expiresAt: Date) => ({
      userId: user.id,
      tokenHash,
      expiresAt,
      createdAt: day,
    });
    await t.database.db
      .insert(mfaChallenges)
      .values([
        challenge('expired', new Date(day.getTime() - 1_000)),
        challenge('open', new Date(day.getTime() + 60_000)),
      ]);
    const [result] = await new JobRunner(t.app, [purgeJob]).tick(day);
    expect(result).toMatchObject({ status: 'succeeded', summary: { challenges: 1 } });
    const left = await t.database.db.select({ tokenHash: mfaChallenges.tokenHash }).from(mfaChallenges);
    expect(left).toEqual([{ tokenHash: 'open' }]);
  });

  it('forgets job runs older than 30 days, and runs once a day', async () => {
    await t.database.db.insert(jobRuns).values([
      {
        job: 'reminder_due',
        period: 'minute:2026-05-01T08:00Z',
        startedAt: new Date('2026-05-01T08:00:00Z'),
        status: 'succeeded',
      },
      {
        job: 'reminder_due',
        period: 'minute:2026-06-10T08:00Z',
        startedAt: new Date('2026-06-10T08:00:00Z'),
        status: 'succeeded',
      },
    ]);
    const runner = new JobRunner(t.app, [purgeJob]);
    const [first] = await runner.tick(new Date('2026-06-17T00:00:30Z'));
    const [second] = await runner.tick(new Date('2026-06-17T23:59:00Z'));
    expect(first).toMatchObject({ status: 'succeeded', period: 'day:2026-06-17' });
    expect(second).toMatchObject({ status: 'skipped' });
    const periods = (
      await t.database.db
        .select()
        .from(jobRuns)
        .where(inArray(jobRuns.job, ['reminder_due']))
    ).map((r) => r.period);
    expect(periods).toEqual(['minute:2026-06-10T08:00Z']);
  });

  it('after purging many calls, vacuums and analyzes the tables they left, on either database', async () => {
    const user = await createUser(t.database);
    await t.database.db.execute(sql`
      insert into calls (user_id, contact_last_name, phone, deleted_at)
      select ${user.id}, 'Purgé ' || n, '05' || lpad(n::text, 8, '0'), ${daysAgo(45)}
        from generate_series(1, 600) as n`);
    const [result] = await new JobRunner(t.app, [purgeJob]).tick(new Date('2026-06-20T00:00:30Z'));
    expect(result).toMatchObject({ status: 'succeeded', summary: { calls: 600 } });
    // VACUUM (ANALYZE) ran after the purge committed: the analysis is fresh, the dead rows are gone.
    const stats = (await t.database.db.execute(sql`
      select last_vacuum is not null as vacuumed, last_analyze is not null as analyzed, n_mod_since_analyze
        from pg_stat_user_tables where relname = 'calls'`)) as unknown as {
      rows: { vacuumed: boolean; analyzed: boolean; n_mod_since_analyze: number }[];
    };
    expect(stats.rows[0]).toMatchObject({ vacuumed: true, analyzed: true });
    const noRows = (await t.database.db.execute(sql`
      explain (format json) select * from calls where user_id = ${user.id}`)) as unknown as {
      rows: Record<string, unknown>[];
    };
    const json = Object.values(noRows.rows[0]!)[0];
    const plan = (typeof json === 'string' ? JSON.parse(json) : json)[0].Plan as { 'Plan Rows': number };
    expect(plan['Plan Rows']).toBeLessThan(50);
  });
});
