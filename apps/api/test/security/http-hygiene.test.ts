import { Writable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app.ts';
import type { Database } from '@ct/db';
import { createTestApp, createTestDatabase, testEnv, type TestContext } from '../helpers/app.ts';

/** No stack frames, file paths, SQL or driver names in a response body. */
const INTERNALS =
  /\bat \S+ \(|node_modules|\.ts:\d+|\bselect\b.*\bfrom\b|\binsert into\b|\bpostgres\b|\bpglite\b|drizzle|stack/i;

function expectProblem(res: LightMyRequestResponse, status: number) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json<Record<string, unknown>>();
  expect(body).toMatchObject({
    status,
    type: expect.stringMatching(/^urn:call-tracking:problem:/),
    title: expect.any(String),
    detail: expect.any(String),
  });
  expect(res.body).not.toMatch(INTERNALS);
  return body;
}

describe('HTTP hygiene', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers an unknown route with a 404 problem', async () => {
    const body = expectProblem(await t.app.inject({ method: 'GET', url: '/no/such/route?x=1' }), 404);
    expect(body).toMatchObject({ code: 'not_found', instance: '/no/such/route' });
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "a@b.test", "password": ',
    });
    expectProblem(res, 400);
  });

  it('answers a validation failure with a 400 problem listing the fields', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/auth/login', payload: { email: 42 } });
    const body = expectProblem(res, 400);
    expect(body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'body.email' }),
        expect.objectContaining({ path: 'body.password' }),
      ]),
    );
  });

  it('answers a body over 1 MiB with a 413 problem', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: 'a@b.test', password: 'x'.repeat(1024 * 1024 + 10) },
    });
    expectProblem(res, 413);
  });

  it('echoes a well-formed x-request-id and replaces a malformed one', async () => {
    const given = await t.app.inject({
      method: 'GET',
      url: '/health',
      headers: { 'x-request-id': 'trace-abc_123.xyz' },
    });
    expect(given.headers['x-request-id']).toBe('trace-abc_123.xyz');
    const errorGiven = await t.app.inject({
      method: 'GET',
      url: '/nowhere',
      headers: { 'x-request-id': 'trace-for-an-error' },
    });
    expect(errorGiven.headers['x-request-id']).toBe('trace-for-an-error');
    for (const bad of ['short', 'has spaces in it', 'x'.repeat(65), 'evil\u00e9value']) {
      const res = await t.app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': bad } });
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('sends the security headers and no x-powered-by on success and error responses', async () => {
    for (const url of ['/health', '/me', '/nowhere']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['cache-control'], url).toBe('no-store');
      expect(res.headers['x-powered-by'], url).toBeUndefined();
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      expect(res.headers['content-security-policy'], url).toMatch(/frame-ancestors 'none'/);
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
  });
});

describe('an unexpected error', () => {
  let app: App;
  let database: Database;
  const logs: Record<string, unknown>[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString('utf8').split('\n'))
          if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    app = await buildApp({ env: testEnv(), database, logger: { level: 'info', stream } });
    app.get('/boom', { config: { access: 'public' } }, async () => {
      throw new Error(
        'Failed query: select password_hash from users where email = $1 at Object.<anonymous> (/srv/app/src/x.ts:1:1)',
      );
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('becomes a generic 500 problem; the details go to the log only', async () => {
    const res = await app.inject({ method: 'GET', url: '/boom' });
    const body = expectProblem(res, 500);
    expect(body.detail).toBe('An unexpected error occurred');
    const logged = logs.find((l) => l.msg === 'unhandled error');
    expect(logged).toMatchObject({ level: 50, reqId: res.headers['x-request-id'] });
  });
});
