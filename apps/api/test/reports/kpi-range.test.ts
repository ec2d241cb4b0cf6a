import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';
import { Agent, signedIn } from '../helpers/client.ts';

let t: TestContext;
let agent: Agent;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-31T10:00:00Z' });
  agent = await signedIn(t.app, await createUser(t.database));
});
afterAll(() => t.close());

describe('GET /reports/kpi range', () => {
  it.each([
    ['an unknown preset', '14d'],
    ['a word', 'week'],
    ['a reversed range', '2026-03-31..2026-03-25'],
    ['a range over 366 days', '2025-01-01..2026-01-02'],
    ['a date that does not exist', '2026-02-30..2026-03-01'],
    ['a single date', '2026-03-01'],
    ['a malformed range', '2026-3-1..2026-3-5'],
  ])('refuses %s with 400 naming range', async (_what, range) => {
    const res = await agent.get(`/reports/kpi?range=${encodeURIComponent(range)}`);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect((res.json() as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain('querystring.range');
  });

  it.each([
    ['one day', '2026-03-31..2026-03-31', 1],
    ['366 days in a leap year', '2024-01-01..2024-12-31', 366],
    ['366 days across years', '2025-03-31..2026-03-31', 366],
  ])('accepts %s', async (_what, range, days) => {
    const res = await agent.get(`/reports/kpi?range=${range}`);
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as { series: unknown[] }).series).toHaveLength(days);
  });

  it('answers 401 without a session', async () => {
    expect((await new Agent(t.app).get('/reports/kpi?range=7d')).statusCode).toBe(401);
    expect((await new Agent(t.app).get('/reports/today')).statusCode).toBe(401);
  });
});
