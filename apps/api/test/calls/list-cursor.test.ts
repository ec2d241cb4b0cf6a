import { Buffer } from 'node:buffer';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_SORTS } from '@ct/contracts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { signedIn, type Agent } from '../helpers/client.ts';
import { createUser, type TestUser } from '../helpers/factories.ts';

/**
 * `GET /calls?after=`: the keyset page. For every sort, both ways, walking the list cursor by cursor
 * gives exactly the rows, in exactly the order, that page numbers give — through ties (one import's
 * calls share their creation instant to the microsecond), empty dates (never called, no reminder) on
 * either side of a page boundary, and instants that differ below the millisecond.
 */

const CALLS = 61;
const PAGE = 7;
let t: TestContext;
let user: TestUser;
let agent: Agent;

interface Page {
  items: { id: string }[];
  page: number;
  total: number;
  nextCursor: string | null;
}

beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-24T10:00:00Z' });
  user = await createUser(t.database);
  agent = await signedIn(t.app, user);
  // Few distinct values per column, so that every sort has long runs of ties for `id` to break;
  // a third never called, a half without a reminder; last calls 1 µs apart where n differs by 61.
  await t.database.db.execute(sql`
    insert into calls (user_id, contact_first_name, contact_last_name, phone, status, type, attempts,
                       last_call_at, next_reminder_at, created_at, updated_at)
    select ${user.id}, (array['Léa', 'Marc', ''])[1 + n % 3], (array['Dupré', 'Martin', 'Roux', ''])[1 + n % 4],
           '06' || lpad(n::text, 8, '0'),
           (array['to_call', 'callback', 'no_answer'])[1 + n % 3]::call_status,
           (array['prospecting', 'follow_up'])[1 + n % 2]::call_type,
           n % 4,
           case when n % 3 <> 0 then timestamptz '2026-03-20 09:00:00.000001+00' + (n % 5) * interval '1 microsecond' end,
           case when n % 2 = 0 then timestamptz '2026-03-25 09:00:00+00' + (n % 4) * interval '1 hour' end,
           timestamptz '2026-03-01 08:00:00.123456+00' + (n % 2) * interval '1 day',
           timestamptz '2026-03-02 08:00:00+00'
      from generate_series(1, ${CALLS}) as n`);
  // Someone else's calls never show up in the walk.
  const other = await createUser(t.database);
  await t.database.db.execute(sql`
    insert into calls (user_id, contact_last_name, phone)
    select ${other.id}, 'Autre', '07' || lpad(n::text, 8, '0') from generate_series(1, 10) as n`);
}, 60_000);
afterAll(() => t.close());

async function byPages(query: string): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const body = (await agent.get(`/calls?${query}&pageSize=${PAGE}&page=${page}`)).json<Page>();
    ids.push(...body.items.map((c) => c.id));
    if (body.items.length < PAGE) return ids;
  }
}

async function byCursor(query: string): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < CALLS; guard++) {
    const res = await agent.get(`/calls?${query}&pageSize=${PAGE}${after ? `&after=${after}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<Page>();
    expect(body.items.length).toBeLessThanOrEqual(PAGE);
    expect(body.total).toBe(CALLS);
    ids.push(...body.items.map((c) => c.id));
    if (body.nextCursor === null) return ids;
    expect(body.items).toHaveLength(PAGE);
    after = body.nextCursor;
  }
  throw new Error('the cursor walk did not end');
}

describe('GET /calls?after=', () => {
  it.each(CALL_SORTS)('walks the whole list sorted by %s as page numbers do', async (sort) => {
    const expected = await byPages(`sort=${sort}`);
    expect(new Set(expected).size).toBe(CALLS);
    expect(await byCursor(`sort=${sort}`)).toEqual(expected);
  });

  it('keeps the filters and stops with nextCursor null on the last page', async () => {
    const query = 'status=callback&sort=lastCallAt:desc';
    const all: string[] = [];
    let after = '';
    for (;;) {
      const body = (await agent.get(`/calls?${query}&pageSize=${PAGE}${after}`)).json<Page>();
      all.push(...body.items.map((c) => c.id));
      if (!body.nextCursor) break;
      after = `&after=${body.nextCursor}`;
    }
    expect(all).toEqual(await byPages(query));
    expect(all).toHaveLength(21); // n % 3 = 1 for n in 1..61
  });

  it('answers 400 on after for a cursor made for another sort, a damaged one or one not ours', async () => {
    const first = (await agent.get(`/calls?sort=lastName:asc&pageSize=${PAGE}`)).json<Page>();
    const forged = (payload: unknown) => Buffer.from(JSON.stringify(payload)).toString('base64url');
    const id = first.items[0]!.id;
    const bad = [
      `sort=createdAt:desc&after=${first.nextCursor}`,
      `sort=lastName:asc&after=${first.nextCursor!.slice(0, -4)}`,
      'after=bm90IGpzb24',
      `sort=lastCallAt:desc&after=${forged(['lastCallAt:desc', ["2026-01-01'; drop table calls; --"], id])}`,
      `sort=lastCallAt:desc&after=${forged(['lastCallAt:desc', ['2026-13-45 99:00:00'], id])}`,
      `sort=lastCallAt:desc&after=${forged(['lastCallAt:desc', ['2026-02-30 10:00:00'], id])}`,
      `sort=lastCallAt:desc&after=${forged(['lastCallAt:desc', ['0000-01-01 10:00:00'], id])}`,
      `sort=lastName:asc&after=${forged(['lastName:asc', ['Dupr\u0000é', 'Léa'], id])}`,
      `sort=attempts:desc&after=${forged(['attempts:desc', ['1e9'], id])}`,
      `sort=status:asc&after=${forged(['status:asc', ['pending'], id])}`,
      `sort=lastName:asc&after=${forged(['lastName:asc', ['Dupré', null], id])}`,
      `sort=lastName:asc&after=${forged(['lastName:asc', ['Dupré', 'Léa'], 'not-a-uuid'])}`,
      'after=has+spaces',
    ];
    for (const query of bad) {
      const res = await agent.get(`/calls?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(res.json()), query).toContain('after');
    }
    const both = await agent.get(`/calls?sort=lastName:asc&page=2&after=${first.nextCursor}`);
    expect(both.statusCode).toBe(400);
    expect(JSON.stringify(both.json())).toContain('page');
  });

  it('gives a next cursor on numbered pages too, which continues where they end', async () => {
    const second = (await agent.get(`/calls?sort=updatedAt:desc&pageSize=${PAGE}&page=2`)).json<Page>();
    const third = (await agent.get(`/calls?sort=updatedAt:desc&pageSize=${PAGE}&page=3`)).json<Page>();
    const next = (
      await agent.get(`/calls?sort=updatedAt:desc&pageSize=${PAGE}&after=${second.nextCursor}`)
    ).json<Page>();
    expect(next.items.map((c) => c.id)).toEqual(third.items.map((c) => c.id));
  });
});
