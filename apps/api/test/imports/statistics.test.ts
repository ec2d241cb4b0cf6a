import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeJob } from '../../src/jobs/analyze.job.ts';
import { JobRunner } from '../../src/jobs/runner.ts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { signedIn, type Agent } from '../helpers/client.ts';
import { createUser, type TestUser } from '../helpers/factories.ts';
import { planOf } from '../helpers/plans.ts';
import { upload } from './helpers.ts';

/**
 * Planner statistics follow the data (docs/decisions/0018): right after a bulk import the planner
 * knows how many rows the account holds and the new pages are all-visible for index-only scans; after
 * the revert it knows they are gone. Asserted on EXPLAIN, never on time. Without the refresh, PGlite
 * (no autovacuum) kept estimating the ten calls the account had before.
 */

const ROWS = 3_500;
let t: TestContext;
let user: TestUser;
let agent: Agent;

beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-24T10:00:00Z' });
  user = await createUser(t.database);
  agent = await signedIn(t.app, user);
  // The account before: ten calls, and statistics that say so.
  await t.database.db.execute(sql`
    insert into calls (user_id, contact_last_name, phone, status)
    select ${user.id}, 'Avant ' || n, '07' || lpad(n::text, 8, '0'), 'to_call' from generate_series(1, 10) as n`);
  await t.database.db.execute(sql`vacuum (analyze) calls`);
}, 60_000);
afterAll(() => t.close());

/** A CSV of ROWS contacts, one in seven with no answer yet. */
function campaign(): Buffer {
  const lines = ['Prénom;Nom;Téléphone;Statut'];
  for (let i = 0; i < ROWS; i++)
    lines.push(
      `P${i};Campagne${i};06${String(20_000_000 + i).padStart(8, '0')};${i % 7 === 0 ? 'Pas de réponse' : 'À appeler'}`,
    );
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

/** The planner's estimate of the rows the scan under the count returns. */
async function estimated(where: SQL): Promise<number> {
  const top = await planOf(t.database.db, sql`select count(*) from calls where ${where}`);
  let node = top;
  while (node.Plans?.length && /Aggregate|Gather/.test(node['Node Type'])) node = node.Plans[0]!;
  return node['Plan Rows'];
}

const live = (status?: string) =>
  status
    ? sql`user_id = ${user.id} and deleted_at is null and status = ${sql.raw(`'${status}'`)}`
    : sql`user_id = ${user.id} and deleted_at is null`;

describe('after a bulk import', () => {
  let importId: string;

  it('the planner knows the account’s size and its status mix', async () => {
    expect(await estimated(live())).toBeLessThan(50);
    const res = await upload(agent, campaign());
    expect(res.statusCode, res.body).toBe(201);
    importId = res.json<{ id: string }>().id;
    const all = await estimated(live());
    expect(all).toBeGreaterThan((ROWS + 10) / 2);
    expect(all).toBeLessThan((ROWS + 10) * 2);
    const noAnswer = await estimated(live('no_answer'));
    expect(noAnswer).toBeGreaterThan(ROWS / 7 / 2);
    expect(noAnswer).toBeLessThan((ROWS / 7) * 2);
  });

  it('the list’s count reads the index alone: the new pages are all-visible', async () => {
    await t.database.db.transaction(async (tx) => {
      // Force the index-only path to read its heap fetches (at this size the planner may prefer others).
      await tx.execute(sql`set local enable_seqscan = off`);
      await tx.execute(sql`set local enable_bitmapscan = off`);
      let node = await planOf(tx, sql`select count(*) from calls where ${live('no_answer')}`, ', analyze');
      while (node.Plans?.length && node['Node Type'] !== 'Index Only Scan') node = node.Plans[0]!;
      expect(node['Node Type']).toBe('Index Only Scan');
      expect(node['Heap Fetches']).toBe(0);
    });
  });

  it('after its revert, the planner knows the calls are gone', async () => {
    const res = await agent.post(`/imports/${importId}/revert`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ reverted: number }>().reverted).toBe(ROWS);
    expect(await estimated(live())).toBeLessThan(ROWS / 10);
  });
});

describe('the embedded database’s own autovacuum (the analyze job)', () => {
  /** PGlite flushes its statistics counters about once a second, at the next statement. */
  const flushStats = async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await t.database.db.execute(sql`select 1`);
  };
  const deadRows = async () => {
    const result = await t.database.db.execute(sql`select n_dead_tup from pg_stat_user_tables where relname = 'calls'`);
    return Number((result as unknown as { rows: { n_dead_tup: number }[] }).rows[0]?.n_dead_tup);
  };

  it('analyzes a table written to enough, then vacuums its dead rows, with no bulk change to say so', async (ctx) => {
    if (t.database.kind !== 'pglite') ctx.skip(); // PostgreSQL's autovacuum does this; the job is not registered there
    expect(t.app.jobs.jobs.map((job) => job.id)).toContain('analyze');
    const runner = new JobRunner(t.app, [analyzeJob]);
    const before = await estimated(live());
    await t.database.db.execute(sql`
      insert into calls (user_id, contact_last_name, phone)
      select ${user.id}, 'Un par un ' || n, '09' || lpad(n::text, 8, '0') from generate_series(1, 2000) as n`);
    await flushStats();
    const first = await runner.tick(new Date('2026-03-24T10:01:00Z'));
    expect(first[0]).toMatchObject({ status: 'succeeded', summary: { tables: 1 } });
    expect(await estimated(live())).toBeGreaterThan(before + 1_000);

    await t.database.db.execute(sql`delete from calls where contact_last_name like 'Un par un %'`);
    await flushStats();
    expect(await deadRows()).toBeGreaterThan(1_000);
    await runner.tick(new Date('2026-03-24T10:02:00Z'));
    await flushStats();
    expect(await deadRows()).toBe(0);
  });
});
