import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { createTestApp, createTestDatabase, testEnv, type TestContext } from '../helpers/app.ts';

const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';
const concreteUrl = (url: string) => url.replace(/:[A-Za-z_]+/g, SAMPLE_ID).replace(/\*/g, 'x');

/** AC-01 (docs/security.md): the only routes anyone may call without a session. Adding one is a security decision. */
const PUBLIC_ROUTES = new Set(['POST /auth/login', 'POST /auth/login/mfa', 'GET /health', 'GET /openapi.json']);
const isDocsUi = (url: string) => url === '/docs' || url.startsWith('/docs/');

describe('route inventory (deny by default)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('classifies every route, once', () => {
    const inventory = t.app.routeInventory;
    expect(inventory.length).toBeGreaterThan(10);
    for (const route of inventory)
      expect(['public', 'session', 'user', 'admin'], `${route.method} ${route.url}`).toContain(route.access);
    const keys = inventory.map((r) => `${r.method} ${r.url}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('has no public route outside the allowlist (and the docs UI)', () => {
    const extra = t.app.routeInventory.filter(
      (r) => r.access === 'public' && !isDocsUi(r.url) && !PUBLIC_ROUTES.has(`${r.method} ${r.url}`),
    );
    expect(extra).toEqual([]);
  });

  it('answers 401 problem+json to every non-public route called without cookies', async () => {
    const guarded = t.app.routeInventory.filter((r) => r.access !== 'public');
    expect(guarded.length).toBeGreaterThan(0);
    for (const route of guarded) {
      const res = await t.app.inject({
        method: route.method as InjectOptions['method'],
        url: concreteUrl(route.url),
        ...(route.method === 'GET' ? {} : { payload: {} }),
      });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(res.headers['content-type'], `${route.method} ${route.url}`).toMatch(/^application\/problem\+json/);
    }
  });

  it('answers 401 to every user/admin route with a garbage access cookie', async () => {
    for (const route of t.app.routeInventory.filter((r) => r.access === 'user' || r.access === 'admin')) {
      const res = await t.app.inject({
        method: route.method as InjectOptions['method'],
        url: concreteUrl(route.url),
        cookies: { ct_at: 'garbage', ct_rt: 'garbage' },
      });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });

  it('answers the public routes without cookies', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/openapi.json' })).statusCode).toBe(200);
    expect(
      (await t.app.inject({ method: 'POST', url: '/auth/login', payload: { email: 'a@b.test', password: 'x' } }))
        .statusCode,
    ).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/auth/login/mfa',
          payload: { challenge: 'not-a-challenge', code: '123456' },
        })
      ).statusCode,
    ).toBe(401);
  });
});

describe('registering a route', () => {
  it('throws when the route does not declare config.access, or declares an unknown class', async () => {
    const database = await createTestDatabase();
    const app = await buildApp({ env: testEnv({ LOG_LEVEL: 'silent' }), database });
    try {
      expect(() => app.get('/unclassified', async () => 'x')).toThrow(
        /GET \/unclassified does not declare config\.access/,
      );
      expect(() => app.post('/weird', { config: { access: 'everyone' as 'public' } }, async () => 'x')).toThrow(
        /unknown access "everyone"/,
      );
      expect(() => app.get('/classified', { config: { access: 'user' } }, async () => 'x')).not.toThrow();
      await app.ready();
      expect(app.routeInventory).toContainEqual({ method: 'GET', url: '/classified', access: 'user' });
    } finally {
      await app.close();
      await database.close();
    }
  });
});
