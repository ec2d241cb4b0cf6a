import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callStatusHistory } from '@ct/db';
import { buildRawKpiQueries, runRawKpiQueries } from '../../src/modules/reports/kpi-raw.repository.ts';
import { buildKpiQueries, runKpiQueries } from '../../src/modules/reports/reports.repository.ts';
import { kpiRange } from '../../src/modules/reports/reports.service.ts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { createUser, type TestUser } from '../helpers/factories.ts';
import { signedIn, type Agent } from '../helpers/client.ts';
import { createCall } from '../calls/fixtures.ts';

/**
 * Writers at the same time (on PostgreSQL, each on its own connection; PGlite runs them one after the
 * other): the roll-up's counters are added to in place, and the distinct calls are read back from a
 * call's history, so two writers of one call must take turns — the triggers lock the call first.
 */
const NOW = '2026-03-31T10:00:00Z';
let t: TestContext;
let user: TestUser;
let agent: Agent;

beforeAll(async () => {
  t = await createTestApp({ now: NOW });
  user = await createUser(t.database, { timezone: 'Europe/Paris' });
  agent = await signedIn(t.app, user);
});
afterAll(() => t.close());

async function expectRollupEqualsRaw() {
  const now = new Date(NOW);
  for (const days of [1, 7, 90]) {
    const { bounds } = kpiRange({ kind: 'preset', days }, 'Europe/Paris', now);
    const scope = { kind: 'user' as const, userId: user.id };
    const rolled = await runKpiQueries(buildKpiQueries(t.app.db, scope, 'Europe/Paris', bounds, now), bounds);
    expect(rolled).toEqual(await runRawKpiQueries(buildRawKpiQueries(t.app.db, scope, 'Europe/Paris', bounds, now)));
  }
}

describe('the KPI roll-up under concurrent writes', () => {
  it('stays exact when attempts are logged at once on one call and on many, in the same quarter hour', async () => {
    const calls = await Promise.all(
      Array.from({ length: 4 }, (_, i) => createCall(agent, { lastName: `Simultané ${i}` })),
    );
    const logs = calls.flatMap((call, i) =>
      ['reached', 'callback', 'no_answer', 'done'].map((status, k) =>
        agent.post(`/calls/${call.id}/log`, { status, occurredAt: `2026-03-31T07:0${(i + k) % 10}:00Z` }),
      ),
    );
    const results = await Promise.all(logs);
    expect(results.map((r) => r.statusCode)).toEqual(results.map(() => 201));
    await expectRollupEqualsRaw();
    const report = await agent.get('/reports/kpi?range=7d');
    expect(report.json()).toMatchObject({ totals: { callsMade: 16, contactsReached: 4 } });
  });

  it('counts a call once when overlapping transactions log its answered attempts of one day', async () => {
    const call = await createCall(agent, { lastName: 'Chevauchement' });
    // One quarter hour each (their bucket rows differ, nothing else makes them wait), one Paris day.
    const write = (hour: number) =>
      t.database.db.transaction(async (tx) => {
        await tx.insert(callStatusHistory).values({
          callId: call.id,
          userId: user.id,
          createdBy: user.id,
          status: 'reached',
          occurredAt: new Date(`2026-03-30T${String(hour).padStart(2, '0')}:00:00Z`),
        });
        // Still open while the others write: without the call's lock, each would count the call anew.
        await tx.execute(sql`select pg_sleep(0.05)`);
      });
    await Promise.all([6, 7, 8, 9, 10].map(write));
    await expectRollupEqualsRaw();
  });

  it('stays exact when a call is deleted and restored while attempts are logged on it', async () => {
    const call = await createCall(agent, { lastName: 'Disputé' });
    const writes = await Promise.all([
      agent.post(`/calls/${call.id}/log`, { status: 'reached', occurredAt: '2026-03-31T06:00:00Z' }),
      agent.delete(`/calls/${call.id}`),
      agent.post(`/calls/${call.id}/log`, { status: 'wrong_number', occurredAt: '2026-03-31T06:10:00Z' }),
    ]);
    expect(writes[1]!.statusCode).toBe(204);
    await expectRollupEqualsRaw();
    expect((await agent.post(`/calls/${call.id}/restore`)).statusCode).toBe(200);
    await Promise.all([
      agent.post(`/calls/${call.id}/log`, { status: 'done', occurredAt: '2026-03-31T06:20:00Z' }),
      agent.patch(`/calls/${call.id}`, { description: 'pendant un appel' }),
    ]);
    await expectRollupEqualsRaw();
  });
});
