import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '@ct/db';
import { createUser } from '../helpers/factories.ts';
import {
  createFaultDatabase,
  freePort,
  NEEDS_POSTGRES,
  postgresUrl,
  signIn,
  sleep,
  startApi,
  type ApiProcess,
  type FaultDatabase,
  type HttpAgent,
} from './api-process.ts';
import { BlackholeProxy } from './blackhole-proxy.ts';

/**
 * DATA-05 (docs/security.md): a TCP proxy between the API and PostgreSQL that black-holes traffic (the pg-boss
 * halfOpenProxy technique: sockets stay open, bytes vanish — a network partition, not a refusal).
 * With DB_STATEMENT_TIMEOUT_MS=1000 and DB_CONNECT_TIMEOUT_MS=1000, requests fail with 503 within
 * the configured time instead of hanging, and the API serves again once the network is back.
 */
const STATEMENT_MS = 1_000;
const CONNECT_MS = 1_000;
/** The client gives up a statement 1 s after the server would have; plus slack for a loaded machine. */
const BOUND_MS = STATEMENT_MS + 1_000 + CONNECT_MS + 1_500;

describe.skipIf(!postgresUrl)(`a black-holed network to PostgreSQL (${NEEDS_POSTGRES})`, () => {
  let db: FaultDatabase;
  let proxy: BlackholeProxy;
  let api: ApiProcess;
  let agent: HttpAgent;

  beforeAll(async () => {
    db = await createFaultDatabase();
    const database = await createDatabase({ url: db.url, poolMax: 2 });
    const user = await createUser(database);
    await database.close();
    const real = new URL(db.url);
    proxy = new BlackholeProxy({ host: real.hostname, port: Number(real.port || 5432) });
    const port = await freePort();
    await proxy.listen(port);
    const viaProxy = new URL(db.url);
    viaProxy.host = `127.0.0.1:${port}`;
    api = await startApi({
      DATABASE_URL: viaProxy.toString(),
      DB_STATEMENT_TIMEOUT_MS: String(STATEMENT_MS),
      DB_CONNECT_TIMEOUT_MS: String(CONNECT_MS),
    });
    agent = await signIn(api.baseUrl, user.email, user.password);
    expect((await agent.request('GET', '/calls')).status).toBe(200);
  });
  afterAll(async () => {
    await api?.kill();
    await proxy?.close();
    await db?.drop();
  });

  it(`answers 503 problem+json within ${BOUND_MS} ms instead of hanging, for reads, writes and concurrent requests`, async () => {
    proxy.blackhole = true;
    const timed = async (method: string, path: string, body?: unknown) => {
      const started = Date.now();
      const res = await agent.request(method, path, body);
      return {
        what: `${method} ${path}`,
        status: res.status,
        type: res.headers.get('content-type'),
        ms: Date.now() - started,
      };
    };
    const results = [
      await timed('GET', '/me'),
      await timed('POST', '/calls', { lastName: 'Partition', phone: '06 11 11 11 11' }),
      ...(await Promise.all(Array.from({ length: 12 }, (_, i) => timed('GET', i % 2 ? '/calls' : '/health')))),
    ];
    for (const r of results) {
      expect(r.status, r.what).toBe(503);
      expect(r.type, r.what).toMatch(/^application\/problem\+json/);
      expect(r.ms, r.what).toBeLessThan(BOUND_MS);
    }
    expect(api.child.exitCode).toBeNull();
    process.stdout.write(`blackhole: ${JSON.stringify(results.map((r) => r.ms))} ms\n`);
  });

  it('serves again once the network is back (the stuck connections are dropped)', async () => {
    proxy.blackhole = false;
    const started = Date.now();
    let status = 0;
    while (Date.now() - started < 20_000) {
      status = (await agent.request('GET', '/me')).status;
      if (status === 200) break;
      await sleep(200);
    }
    expect(status).toBe(200);
    const burst = await Promise.all(Array.from({ length: 8 }, () => agent.request('GET', '/calls')));
    expect(burst.map((r) => r.status)).toEqual(Array(8).fill(200));
    process.stdout.write(`blackhole: recovered in ${Date.now() - started} ms\n`);
  });
});
