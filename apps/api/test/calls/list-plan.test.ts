import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_SORTS, type CallSort, type CallSortField } from '@ct/contracts';
import { teamLists, teamMembers, teams } from '@ct/db';
import {
  buildCallListQueries,
  cursorKinds,
  type CallListFilters,
  type CallScope,
} from '../../src/modules/calls/calls.repository.ts';
import { decodeCursor } from '../../src/modules/calls/list-cursor.ts';
import { buildReminderDayQueries } from '../../src/modules/calls/reminders.repository.ts';
import { dayBounds } from '../../src/lib/time.ts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { signedIn, type Agent } from '../helpers/client.ts';
import { createUser, type TestUser } from '../helpers/factories.ts';
import { planOf, planSteps, type PlanNode } from '../helpers/plans.ts';
import { upload } from '../imports/helpers.ts';

/**
 * The big account's check, short: right after an import (no manual ANALYZE), every sort of the list —
 * by page number and by cursor, in both directions, with a status filter, on a team list — reads its
 * page along an index that holds its order, tie-breaker included, and stops at the page: no Sort of the
 * account's calls. Asserted on the plan, never on time (docs/performance.md measures the time).
 */

const ROWS = 4_000;
let t: TestContext;
let user: TestUser;
let agent: Agent;
let listId: string;

/** The index each sort reads, in the user's scope. */
const INDEX_OF: Record<CallSortField, string> = {
  lastCallAt: 'calls_user_last_call_idx',
  nextReminderAt: 'calls_user_next_reminder_idx',
  createdAt: 'calls_user_created_idx',
  updatedAt: 'calls_user_updated_idx',
  lastName: 'calls_user_last_name_idx',
  firstName: 'calls_user_first_name_idx',
  status: 'calls_user_status_sort_idx',
  type: 'calls_user_type_idx',
  attempts: 'calls_user_attempts_idx',
};

/** A campaign as a caller imports it: every row created in the same instant, some called before. */
function campaign(prefix: string, phones: number): Buffer {
  const lines = ['Prénom;Nom;Téléphone;Statut;Dernier appel;Prochain rappel'];
  const day = (d: number) => `2026-03-${String(d).padStart(2, '0')} 10:00`;
  for (let i = 0; i < ROWS; i++)
    lines.push(
      `P${i % 50};${prefix}${i % 300};06${String(phones + i).padStart(8, '0')};${i % 7 === 0 ? 'À rappeler' : 'À appeler'};${i % 3 === 0 ? day(1 + (i % 20)) : ''};${i % 4 === 0 ? day(10 + (i % 20)) : ''}`,
    );
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-24T10:00:00Z' });
  user = await createUser(t.database);
  agent = await signedIn(t.app, user);
  // Other accounts share the table, as in production.
  for (let i = 0; i < 3; i++) {
    const other = await signedIn(t.app, await createUser(t.database));
    expect((await upload(other, campaign('Autre', 30_000_000 + i * ROWS))).statusCode).toBe(201);
  }
  const [team] = await t.database.db.insert(teams).values({ name: 'Plans' }).returning();
  await t.database.db.insert(teamMembers).values({ teamId: team!.id, userId: user.id, role: 'lead' });
  const [list] = await t.database.db
    .insert(teamLists)
    .values({ teamId: team!.id, name: 'Campagne', createdBy: user.id })
    .returning();
  listId = list!.id;
  expect((await upload(agent, campaign('Liste', 20_000_000), { query: `listId=${listId}` })).statusCode).toBe(201);
  const res = await upload(agent, campaign('Mien', 10_000_000));
  expect(res.statusCode, res.body).toBe(201);
  // A long past of done reminders, which the day's page must not read through.
  await t.database.db.execute(sql`
    insert into reminders (call_id, user_id, scheduled_at, done, done_at)
    select id, user_id, timestamptz '2025-01-01 09:00+00' + (row_number() over ()) * interval '1 hour', true, now()
      from calls where user_id = ${user.id} limit 3000`);
}, 120_000);
afterAll(() => t.close());

function filters(sort: CallSort, extra: Partial<CallListFilters> = {}): CallListFilters {
  const [field, dir] = sort.split(':') as [CallSortField, 'asc' | 'desc'];
  return { dateField: 'lastCallAt', page: 1, pageSize: 25, sort: { field, dir }, ...extra };
}

/** The page query's plan: which index it walks, and whether anything sorts the calls. */
async function pagePlan(scope: CallScope, f: CallListFilters) {
  const steps = planSteps(await planOf(t.database.db, buildCallListQueries(t.database.db, scope, f).page));
  return { steps, text: steps.join(' → ') };
}

async function cursorAfterFirstPage(sort: CallSort, query = ''): Promise<string> {
  const res = await agent.get(`/calls?sort=${sort}&pageSize=25${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ nextCursor: string }>().nextCursor;
}

describe('the list’s plans right after an import', () => {
  it.each(CALL_SORTS)('%s walks its index, by page and by cursor', async (sort) => {
    const [field] = sort.split(':') as [CallSortField];
    const expected = new RegExp(`^Index Scan( Backward)? using ${INDEX_OF[field]}$`);
    const byPage = await pagePlan({ userId: user.id }, filters(sort, { page: 3 }));
    expect(byPage.steps, byPage.text).toContainEqual(expect.stringMatching(expected));
    expect(byPage.text).not.toMatch(/Sort|Seq Scan on calls/);

    const after = decodeCursor(await cursorAfterFirstPage(sort), sort, cursorKinds(field));
    const byCursor = await pagePlan({ userId: user.id }, filters(sort, { after }));
    expect(byCursor.steps, byCursor.text).toContainEqual(expect.stringMatching(expected));
    expect(byCursor.text).not.toMatch(/Sort|Seq Scan on calls/);
  });

  it('a status filter by last call walks the status index', async () => {
    for (const sort of ['lastCallAt:desc', 'lastCallAt:asc'] as const) {
      const plan = await pagePlan({ userId: user.id }, filters(sort, { statuses: ['callback'] }));
      expect(plan.text).toMatch(/Index Scan( Backward)? using calls_user_status_idx/);
      expect(plan.text).not.toMatch(/Sort|Seq Scan on calls/);
    }
  });

  it('a team list’s page walks the list’s own index', async () => {
    const cases = [
      ['lastName:asc', 'calls_list_last_name_idx'],
      ['createdAt:desc', 'calls_list_created_idx'],
      ['lastCallAt:desc', 'calls_list_last_call_idx'],
    ] as const;
    for (const [sort, index] of cases) {
      const plan = await pagePlan({ userId: user.id, listId }, filters(sort));
      expect(plan.text, sort).toMatch(new RegExp(`Index Scan( Backward)? using ${index}`));
      expect(plan.text, sort).not.toMatch(/Sort|Seq Scan on calls/);
    }
  });

  it('the reminders of the day read the overdue and the day’s entries they show, not the history', async () => {
    type Analyzed = PlanNode & { 'Actual Rows'?: number; 'Actual Loops'?: number; 'Rows Removed by Filter'?: number };
    /** The index entries each scan of reminders read: those it returned and those its filter threw away. */
    const rowsRead = (node: Analyzed, out: number[] = []) => {
      if (/Index( Only)? Scan/.test(node['Node Type']) && node['Relation Name'] === 'reminders')
        out.push(((node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0)) * (node['Actual Loops'] ?? 1));
      for (const child of node.Plans ?? []) rowsRead(child as Analyzed, out);
      return out;
    };
    for (const order of ['time', 'priority'] as const) {
      const { page } = buildReminderDayQueries(t.database.db, user.id, {
        ...dayBounds(new Date('2026-03-24T10:00:00Z'), 'Europe/Paris'),
        includeOverdue: true,
        order,
        page: 1,
        pageSize: 50,
      });
      const plan = await planOf(t.database.db, page, ', analyze');
      const text = planSteps(plan).join(' → ');
      expect(text, order).toMatch(/reminders_user_open(_priority)?_idx/);
      const read = rowsRead(plan);
      expect(read.length, text).toBeGreaterThan(0);
      expect(Math.max(...read), `${order}: ${text}`).toBeLessThanOrEqual(50);
    }
  });
});
