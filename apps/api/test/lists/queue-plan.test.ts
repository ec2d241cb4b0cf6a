import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamLists, teams, type Database } from '@ct/db';
import { claimStatement, QUEUE_TIERS, type ClaimRequest } from '../../src/modules/calls/call-queue.repository.ts';
import { callableCheck, hasCallableCalls } from '../../src/modules/calls/list-calls.repository.ts';
import { createTestDatabase } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';

/**
 * The queue's claim costs the same at any list size because each tier walks its own partial index
 * (docs/decisions/0066). Asserted on the plans PostgreSQL (or PGlite) picks for the very statements
 * the claim sends, on a list big enough for a sort of the whole list to be the alternative — not on
 * time. A claim that read the list through any other path (a sequential scan, a sort) fails here.
 */

let database: Database;
let request: ClaimRequest;

beforeAll(async () => {
  database = await createTestDatabase();
  const owner = await createUser(database);
  const [team] = await database.db.insert(teams).values({ name: 'Plans' }).returning();
  const [list] = await database.db
    .insert(teamLists)
    .values({ teamId: team!.id, name: 'Campagne', createdBy: owner.id })
    .returning();
  // 20,000 contacts: 1 ‰ due callbacks, 20 % called before, the rest never called; a few closed.
  await database.db.execute(sql`
    insert into calls (user_id, list_id, contact_last_name, phone, attempts, last_call_at, next_reminder_at, status)
    select ${owner.id}, ${list!.id}, 'N' || n, '06' || lpad(n::text, 8, '0'),
           case when n % 5 = 0 then 1 else 0 end,
           case when n % 5 = 0 then now() - (n % 1000) * interval '1 hour' end,
           case when n % 1000 = 0 then now() - interval '1 hour' end,
           (case when n % 97 = 0 then 'reached' when n % 5 = 0 then 'no_answer' else 'to_call' end)::call_status
      from generate_series(1, 20000) as n`);
  await database.db.execute(sql`analyze calls`);
  const now = new Date();
  request = {
    listId: list!.id,
    userId: owner.id,
    now,
    leaseUntil: new Date(now.getTime() + 600_000),
    cooldownMinutes: 30,
    maxAttempts: 5,
    exclude: [],
  };
}, 60_000);
afterAll(() => database.close());

async function planOf(statement: { getSQL(): ReturnType<typeof sql> }): Promise<string> {
  const result = await database.db.execute(sql`explain ${statement.getSQL()}`);
  return (result as unknown as { rows: Record<string, string>[] }).rows.map((r) => r['QUERY PLAN']).join('\n');
}

describe('the queue claim’s plans', () => {
  for (const tier of QUEUE_TIERS) {
    it(`walks calls_queue_${tier.name}_idx for the ${tier.name} tier, without a sort`, async () => {
      const plan = await planOf(claimStatement(database.db, request, tier));
      expect(plan).toContain(`Index Scan using calls_queue_${tier.name}_idx on calls`);
      expect(plan).toMatch(/Limit/);
      expect(plan).not.toMatch(/Sort|Seq Scan on calls/);
    });
  }

  it('with skipped contacts too (the session’s `exclude`)', async () => {
    const plan = await planOf(
      claimStatement(database.db, { ...request, exclude: [crypto.randomUUID(), crypto.randomUUID()] }, QUEUE_TIERS[1]),
    );
    expect(plan).toContain('Index Scan using calls_queue_fresh_idx on calls');
    expect(plan).not.toMatch(/Sort|Seq Scan on calls/);
  });

  it('asks the tier indexes whether anything is left to call, without counting the list', async () => {
    expect(await hasCallableCalls(database.db, request.listId, 5)).toBe(true);
    // A campaign near its end, where the question is asked after every attempt: one contact left.
    await database.db.execute(sql`
      update calls set status = 'reached' where list_id = ${request.listId}
         and id <> (select min(id::text)::uuid from calls where list_id = ${request.listId} and status = 'to_call'
                       and next_reminder_at is null and last_call_at is null)`);
    await database.db.execute(sql`analyze calls`);
    const result = await database.db.execute(sql`explain ${callableCheck(request.listId, 5)}`);
    const plan = (result as unknown as { rows: Record<string, string>[] }).rows.map((r) => r['QUERY PLAN']).join('\n');
    for (const tier of QUEUE_TIERS) expect(plan).toContain(`calls_queue_${tier.name}_idx`);
    expect(plan).not.toMatch(/Seq Scan on calls|Aggregate/);
    expect(await hasCallableCalls(database.db, request.listId, 5)).toBe(true);
    await database.db.execute(sql`update calls set status = 'done' where list_id = ${request.listId}`);
    expect(await hasCallableCalls(database.db, request.listId, 5)).toBe(false);
  });
});
