import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiReport } from '@ct/contracts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { signedIn, type Agent } from '../helpers/client.ts';
import { NOW, seedReportFixture } from './fixture.ts';

let t: TestContext;
let agent: Agent;
let otherAgent: Agent;
beforeAll(async () => {
  t = await createTestApp({ now: NOW });
  const fixture = await seedReportFixture(t.database);
  agent = await signedIn(t.app, fixture.user);
  otherAgent = await signedIn(t.app, fixture.other);
});
afterAll(() => t.close());

async function kpi(range: string, who = agent): Promise<KpiReport> {
  const res = await who.get(`/reports/kpi?range=${encodeURIComponent(range)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as KpiReport;
}

describe('GET /reports/kpi (hand-built week, Europe/Paris across the DST change)', () => {
  it('counts the totals: deleted calls nowhere, flagged numbers out of the rates', async () => {
    const report = await kpi('2026-03-25..2026-03-31');
    expect(report.range).toEqual({ from: '2026-03-25', to: '2026-03-31' });
    expect(report.totals).toEqual({
      callsMade: 7, // 9 entries in range − to_call − the deleted call's
      contactsReached: 3, // Alice (reached, done), Bob (callback), Carl (reached)
      answerRate: 0.5, // 3 answered of 6 attempts on numbers not flagged
      callbacksScheduled: 7, // r1–r5 and Eve's two made today (the deleted call's not counted)
      callbacksOnTimeRate: 0.3333, // of r1, r2, r3 (due, not flagged) only r1 was done on its day
      overdueCallbacks: 2, // r3, r4
      wrongNumbers: 1, // Eve
    });
  });

  it('gives the previous period of equal length', async () => {
    const report = await kpi('2026-03-25..2026-03-31');
    expect(report.previous).toEqual({
      range: { from: '2026-03-18', to: '2026-03-24' },
      callsMade: 2,
      contactsReached: 1,
      answerRate: 0.5,
      callbacksScheduled: 1,
      callbacksOnTimeRate: 1,
      overdueCallbacks: 0,
      wrongNumbers: 0,
    });
  });

  it('draws one point per local day, an attempt at 00:30 Paris counting for that Paris day', async () => {
    const report = await kpi('2026-03-25..2026-03-31');
    expect(report.series).toEqual([
      { date: '2026-03-25', calls: 1, reached: 0 },
      { date: '2026-03-26', calls: 2, reached: 1 },
      { date: '2026-03-27', calls: 0, reached: 0 },
      { date: '2026-03-28', calls: 0, reached: 0 },
      { date: '2026-03-29', calls: 0, reached: 0 },
      { date: '2026-03-30', calls: 3, reached: 3 },
      { date: '2026-03-31', calls: 1, reached: 0 },
    ]);
  });

  it('mixes the outcomes in the domain order', async () => {
    const report = await kpi('2026-03-25..2026-03-31');
    expect(report.statusMix).toEqual([
      { status: 'no_answer', count: 1 },
      { status: 'voicemail', count: 1 },
      { status: 'callback', count: 1 },
      { status: 'reached', count: 2 },
      { status: 'wrong_number', count: 1 },
      { status: 'done', count: 1 },
    ]);
  });

  it('ranks weekday × local hour cells by answer rate, without flagged numbers', async () => {
    const report = await kpi('2026-03-25..2026-03-31');
    expect(report.bestHours).toEqual([
      { weekday: 1, hour: 0, attempts: 1, answered: 1, rate: 1 },
      { weekday: 1, hour: 9, attempts: 1, answered: 1, rate: 1 },
      { weekday: 2, hour: 8, attempts: 1, answered: 0, rate: 0 },
      { weekday: 3, hour: 9, attempts: 1, answered: 0, rate: 0 },
      { weekday: 4, hour: 14, attempts: 2, answered: 1, rate: 0.5 },
    ]);
  });

  it('reads 7d as the last seven local days, today included', async () => {
    const preset = await kpi('7d');
    const explicit = await kpi('2026-03-25..2026-03-31');
    expect(preset).toEqual(explicit);
    expect((await kpi('30d')).range).toEqual({ from: '2026-03-02', to: '2026-03-31' });
    expect((await kpi('90d')).range).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect((await agent.get('/reports/kpi')).json()).toMatchObject({ range: { from: '2026-03-02', to: '2026-03-31' } });
  });

  it("never counts another user's data", async () => {
    const report = await kpi('2026-03-25..2026-03-31', otherAgent);
    expect(report.totals).toEqual({
      callsMade: 3,
      contactsReached: 1,
      answerRate: 1,
      callbacksScheduled: 1,
      callbacksOnTimeRate: 0,
      overdueCallbacks: 1,
      wrongNumbers: 0,
    });
    expect(report.statusMix).toEqual([{ status: 'reached', count: 3 }]);
  });

  it('answers zeros and null rates for an empty range', async () => {
    const report = await kpi('2025-01-01..2025-01-03');
    expect(report.totals).toEqual({
      callsMade: 0,
      contactsReached: 0,
      answerRate: null,
      callbacksScheduled: 0,
      callbacksOnTimeRate: null,
      overdueCallbacks: 0,
      wrongNumbers: 0,
    });
    expect(report.series).toHaveLength(3);
    expect(report.bestHours).toEqual([]);
  });
});
