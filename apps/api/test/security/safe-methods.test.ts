import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext, listenOnLoopback } from '../helpers/app.ts';
import type { Agent } from '../helpers/client.ts';
import { snapshotTables } from '../helpers/db-state.ts';
import { openSse } from '../helpers/sse.ts';
import { CAST_NOW, createCast, type Cast } from './principals.ts';

/**
 * GET is safe (RFC 9110 §9.2.1): no GET route of the inventory may write to the database. Each is
 * called with real ids and the parameters it needs (so its handler really runs: every answer must be
 * a success), as A — the owner of those ids — or as an administrator for the admin routes, and every
 * table is fingerprinted before and after (snapshotTables: row count and a digest of every row, which
 * sees more than max(updated_at)). A non-admin on an /admin route would write an `authz_fail` audit
 * row on purpose; that is the RBAC suite's business, not a read.
 */

/** The concrete URL of each GET route whose pattern has a parameter, or that needs a query string. */
function concreteUrls(cast: Cast): Record<string, string> {
  return {
    'GET /calls/:id': `/calls/${cast.ids.call}`,
    'GET /reminders': '/reminders?date=2026-03-03',
    'GET /reminders/:id': `/reminders/${cast.ids.reminder}`,
    'GET /imports/:id': `/imports/${cast.ids.import}`,
    'GET /imports/:id/errors.csv': `/imports/${cast.ids.import}/errors.csv`,
    'GET /reports/kpi': '/reports/kpi?range=7d',
    'GET /reports/team': `/reports/team?teamId=${cast.ids.team}&range=7d`,
    'GET /teams/:id': `/teams/${cast.ids.team}`,
    'GET /teams/:id/candidates': `/teams/${cast.ids.team}/candidates?email=somebody%40example.test`,
    'GET /lists/:id': `/lists/${cast.ids.list}`,
    'GET /docs/static/*': '/docs/static/swagger-ui.css',
  };
}

/** Routes of signed-in users that only a team's manager or an admin may read: walked as the admin. */
const AS_ADMIN = new Set(['GET /teams/:id/candidates']);

/** Server-Sent Events never end under inject: read the stream briefly over real HTTP, then close it. */
const STREAMS = new Set(['GET /me/notifications/stream']);

let t: TestContext;
let cast: Cast;
let baseUrl = '';

beforeAll(async () => {
  t = await createTestApp({ now: CAST_NOW });
  cast = await createCast(t);
  baseUrl = await listenOnLoopback(t.app);
});
afterAll(() => t?.close());

async function call(key: string, url: string, agent: Agent): Promise<number> {
  if (STREAMS.has(key)) {
    const stream = await openSse(`${baseUrl}${url}`, { cookies: agent.cookies });
    await t.app.notificationStreams.settled();
    stream.close();
    return stream.status;
  }
  return (await agent.get(url)).statusCode;
}

describe('GET routes', () => {
  const getRoutes = () => t.app.routeInventory.filter((r) => r.method === 'GET');

  it('are all reachable by this walk: a URL for every parameter', () => {
    expect(getRoutes().length).toBeGreaterThan(15);
    const urls = concreteUrls(cast);
    const missing = getRoutes()
      .map((r) => `${r.method} ${r.url}`)
      .filter((key) => /[:*]/.test(key) && !urls[key]);
    expect(missing, 'GET routes with a parameter and no URL in concreteUrls()').toEqual([]);
  });

  it('never change a row of any table', async () => {
    const urls = concreteUrls(cast);
    const walked: string[] = [];
    const changed: string[] = [];
    for (const route of getRoutes()) {
      const key = `${route.method} ${route.url}`;
      const url = urls[key] ?? route.url;
      const agent = route.access === 'admin' || AS_ADMIN.has(key) ? cast.agents.admin : cast.agents.a;
      const before = await snapshotTables(t.database);
      const status = await call(key, url, agent);
      const after = await snapshotTables(t.database);
      // A redirect (the docs UI's index) is an answer too; an error would mean the handler did not run.
      expect(status, `${key} (${url})`).toBeLessThan(400);
      const tables = Object.keys(after).filter((table) => after[table] !== before[table]);
      if (tables.length) changed.push(`${key} changed ${tables.join(', ')}`);
      walked.push(key);
    }
    expect(changed).toEqual([]);
    expect(walked).toEqual(
      expect.arrayContaining(['GET /me', 'GET /calls/:id', 'GET /admin/users', 'GET /admin/audits']),
    );
  });
});
