import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXACT_SEARCH_TOTAL_MAX, EXACT_TOTAL_MAX } from '../../src/modules/calls/calls.repository.ts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { signedIn, type Agent } from '../helpers/client.ts';
import { createUser, type TestUser } from '../helpers/factories.ts';

/**
 * The list's total costs the same at any account size: exact up to EXACT_TOTAL_MAX matching calls, the
 * database's estimate beyond, flagged `totalExact: false` (docs/api.md).
 */

const BIG = EXACT_TOTAL_MAX + 2_000;
let t: TestContext;
let user: TestUser;
let agent: Agent;

interface Page {
  items: { id: string }[];
  total: number;
  totalExact: boolean;
}

beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-24T10:00:00Z' });
  user = await createUser(t.database);
  agent = await signedIn(t.app, user);
  // One call in a hundred waits for a callback; the rest are still to call.
  await t.database.db.execute(sql`
    insert into calls (user_id, contact_last_name, phone, status)
    select ${user.id}, 'N' || n, '06' || lpad(n::text, 8, '0'),
           (case when n % 100 = 0 then 'callback' else 'to_call' end)::call_status
      from generate_series(1, ${BIG}) as n`);
  await t.database.db.execute(sql`vacuum (analyze) calls`);
}, 60_000);
afterAll(() => t.close());

describe('GET /calls total', () => {
  it('is the estimate, flagged, past the exact range', async () => {
    const res = await agent.get('/calls?pageSize=5');
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<Page>();
    expect(page.items).toHaveLength(5);
    expect(page.totalExact).toBe(false);
    expect(page.total).toBeGreaterThan(EXACT_TOTAL_MAX);
    expect(page.total).toBeLessThan(BIG * 2);
  });

  it('is exact within it', async () => {
    const page = (await agent.get('/calls?status=callback&pageSize=5')).json<Page>();
    expect(page).toMatchObject({ total: BIG / 100, totalExact: true });
    const other = await signedIn(t.app, await createUser(t.database));
    expect((await other.get('/calls')).json<Page>()).toMatchObject({ items: [], total: 0, totalExact: true });
  });

  it('is never less than what the pages reach', async () => {
    const last = (await agent.get(`/calls?pageSize=100&page=${Math.floor(BIG / 100)}`)).json<Page>();
    expect(last.items).toHaveLength(100);
    expect(last.total).toBeGreaterThanOrEqual(BIG - 100);
  });

  it('counts a search’s matches up to EXACT_SEARCH_TOTAL_MAX, then estimates', async () => {
    const searcher = await createUser(t.database);
    const searchAgent = await signedIn(t.app, searcher);
    await t.database.db.execute(sql`
      insert into calls (user_id, contact_last_name, phone, search_text)
      select ${searcher.id}, 'Dupré ' || n, '06' || lpad(n::text, 8, '0'),
             case when n <= ${EXACT_SEARCH_TOTAL_MAX + 500} then 'dupre ' else 'martin ' end || n
        from generate_series(1, ${EXACT_SEARCH_TOTAL_MAX + 700}) as n`);
    await t.database.db.execute(sql`vacuum (analyze) calls`);
    const many = (await searchAgent.get('/calls?q=dupre&pageSize=5')).json<Page>();
    expect(many.totalExact).toBe(false);
    expect(many.total).toBeGreaterThan(EXACT_SEARCH_TOTAL_MAX);
    const few = (await searchAgent.get('/calls?q=martin&pageSize=5')).json<Page>();
    expect(few).toMatchObject({ total: 200, totalExact: true });
  });
});
