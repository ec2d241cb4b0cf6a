import { request } from 'node:http';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext, listenOnLoopback } from '../helpers/app.ts';
import { Agent, signedIn } from '../helpers/client.ts';
import { openSse } from '../helpers/sse.ts';
import { CAST_NOW, createCast, type Cast } from './principals.ts';

/**
 * HDR-03 and HDR-04 on the API: hardening headers on every kind of answer (public, sign-in,
 * authenticated, errors, CSV, the live stream), no caching of anything per-user, no TRACE, and no
 * CORS grant to an origin that is not the app's.
 */
let t: TestContext;
let cast: Cast;
let baseUrl = '';

beforeAll(async () => {
  t = await createTestApp({ now: CAST_NOW });
  cast = await createCast(t);
  baseUrl = await listenOnLoopback(t.app);
});
afterAll(() => t?.close());

function expectHardened(res: LightMyRequestResponse, where: string) {
  expect(res.headers['x-content-type-options'], where).toBe('nosniff');
  expect(res.headers['x-powered-by'], where).toBeUndefined();
  expect(res.headers.server, where).toBeUndefined();
  expect(res.headers['referrer-policy'], where).toBe('no-referrer');
  expect(String(res.headers['cache-control']), where).toMatch(/\bno-store\b/);
  if (res.body.length > 0) expect(String(res.headers['content-type']), where).toMatch(/charset=utf-8/i);
  expect(res.headers['access-control-allow-origin'], where).toBeUndefined();
}

describe('API response headers', () => {
  it('harden every kind of answer: public, sign-in, authenticated, errors and CSV (nosniff, no X-Powered-By, no-store, utf-8)', async () => {
    const a = cast.agents.a;
    const anonymous = new Agent(t.app);
    const fresh = await signedIn(t.app, cast.b);
    const samples: [string, () => Promise<LightMyRequestResponse>][] = [
      ['GET /health', () => anonymous.get('/health')],
      ['GET /openapi.json', () => anonymous.get('/openapi.json')],
      ['POST /auth/login 200', () => new Agent(t.app, cast.b).login()],
      [
        'POST /auth/login 401',
        () => anonymous.post('/auth/login', { email: cast.a.email, password: 'wrong password' }),
      ],
      ['POST /auth/login 400', () => anonymous.post('/auth/login', { email: 42 })],
      ['POST /auth/refresh 200', () => fresh.post('/auth/refresh')],
      ['POST /auth/refresh 401', () => anonymous.post('/auth/refresh')],
      ['GET /me 200', () => a.get('/me')],
      ['GET /me 401', () => anonymous.get('/me')],
      ['GET /calls 200', () => a.get('/calls')],
      ['POST /calls 201', () => a.post('/calls', { lastName: 'Headers', phone: '06 11 22 33 44' })],
      ['GET /calls/:id 404', () => a.get('/calls/00000000-0000-4000-8000-000000000000')],
      ['PATCH /calls/:id 400', () => a.patch(`/calls/${cast.ids.call}`, { status: 'nope' })],
      [
        'POST /calls 403 (no CSRF token)',
        () => a.request({ method: 'POST', url: '/calls', payload: { phone: '1' }, csrf: null }),
      ],
      [
        'POST /calls 415',
        () =>
          a.request({ method: 'POST', url: '/calls', payload: 'phone=1', headers: { 'content-type': 'text/plain' } }),
      ],
      ['GET /admin/users 403', () => a.get('/admin/users')],
      ['GET /calls/export (CSV)', () => a.get('/calls/export')],
      ['GET /imports/:id/errors.csv (CSV)', () => a.get(`/imports/${cast.ids.import}/errors.csv`)],
      ['GET /no/such/route 404', () => a.get('/no/such/route')],
      ['POST /auth/logout 204', () => fresh.post('/auth/logout')],
    ];
    for (const [where, send] of samples) {
      const res = await send();
      expect(res.statusCode, where).toBe(Number(/\b(\d{3})\b/.exec(where)?.[1] ?? 200));
      expectHardened(res, where);
    }
  });

  it('harden the live stream too (it writes its own headers)', async () => {
    const stream = await openSse(`${baseUrl}/me/notifications/stream`, { cookies: cast.agents.a.cookies });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('x-content-type-options')).toBe('nosniff');
    expect(stream.headers.get('cache-control')).toMatch(/\bno-store\b/);
    expect(stream.headers.get('x-powered-by')).toBeNull();
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream; charset=utf-8/);
    stream.close();
  });

  it('answers TRACE with 404 or 405 (in process and over HTTP), and TRACK is refused; neither echoes the request', async () => {
    for (const url of ['/', '/calls', '/health']) {
      const res = await t.app.inject({
        method: 'TRACE',
        url,
        cookies: cast.agents.a.cookies,
        headers: { 'x-echo-me': 'secret-header-value' },
      });
      expect([404, 405], `TRACE ${url}`).toContain(res.statusCode);
      expect(res.body, `TRACE ${url}`).not.toContain('secret-header-value');
    }
    for (const method of ['TRACE', 'TRACK']) {
      const res = await rawRequest(method, '/calls', {
        'x-echo-me': 'secret-header-value',
        cookie: 'ct_at=secret-cookie-value',
      });
      expect(method === 'TRACE' ? [404, 405] : [400, 404, 405], method).toContain(res.status);
      expect(res.body, method).not.toMatch(/secret-header-value|secret-cookie-value/);
    }
  });
});

/** A request with any method over a real socket (fetch and inject refuse TRACE/TRACK). */
function rawRequest(
  method: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${path}`, { method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('CORS', () => {
  const origins = ['https://evil.example', 'null', 'http://localhost:3000.evil.example', 'http://127.0.0.1:3001'];

  it('grants no origin Access-Control-Allow-Origin or credentials: preflights, reads and writes (the web app is same-origin through its proxy)', async () => {
    for (const origin of origins) {
      const preflight = await t.app.inject({
        method: 'OPTIONS',
        url: '/calls',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,x-csrf-token',
        },
      });
      const read = await cast.agents.a.get('/calls', { origin });
      const write = await cast.agents.a.post('/calls', { phone: '06 11 22 33 45' }, { origin });
      for (const [what, res] of [
        ['OPTIONS', preflight],
        ['GET', read],
        ['POST', write],
      ] as const) {
        expect(res.headers['access-control-allow-origin'], `${what} from ${origin}`).toBeUndefined();
        expect(res.headers['access-control-allow-credentials'], `${what} from ${origin}`).toBeUndefined();
      }
      expect(preflight.statusCode, origin).toBeGreaterThanOrEqual(400);
      // A cross-origin write is refused outright (CSRF layer 1), not merely unreadable.
      expect(write.statusCode, origin).toBe(403);
    }
  });
});
