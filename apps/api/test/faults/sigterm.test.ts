import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '@ct/db';
import { createUser, type TestUser } from '../helpers/factories.ts';
import { openSse } from '../helpers/sse.ts';
import { generatedCsv, multipart } from '../imports/helpers.ts';
import {
  createFaultDatabase,
  NEEDS_POSTGRES,
  postgresUrl,
  signIn,
  sleep,
  startApi,
  until,
  type ApiProcess,
  type FaultDatabase,
  type HttpAgent,
} from './api-process.ts';

/**
 * DATA-04 (docs/security.md): SIGTERM to a real API process. The request in flight is an import whose client uploads
 * slowly: half the file is sent, the signal arrives, then the rest — the server must wait for it,
 * import it and answer. A live notification stream is open too.
 */
const ROWS = 2_000;

describe.skipIf(!postgresUrl)(`SIGTERM (${NEEDS_POSTGRES})`, () => {
  let db: FaultDatabase;
  let api: ApiProcess;
  let user: TestUser;
  let agent: HttpAgent;

  beforeAll(async () => {
    db = await createFaultDatabase();
    const database = await createDatabase({ url: db.url, poolMax: 2 });
    user = await createUser(database);
    await database.close();
    api = await startApi({ DATABASE_URL: db.url });
    agent = await signIn(api.baseUrl, user.email, user.password);
  });
  afterAll(async () => {
    await api?.kill();
    await db?.drop();
  });

  it('lets the request in flight finish, refuses new ones (503 or connection refused), ends the live streams and exits 0 within 10 s', async () => {
    const stream = await openSse(`${api.baseUrl}/me/notifications/stream`, { cookies: agent.cookies });
    expect(stream.status).toBe(200);

    // An upload that stops half-way until we say so.
    const form = multipart(generatedCsv(ROWS), 'slow.csv');
    const half = Math.floor(form.payload.length / 2);
    let sendRest = () => {};
    const rest = new Promise<void>((resolve) => (sendRest = resolve));
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(form.payload.subarray(0, half));
        await rest;
        controller.enqueue(form.payload.subarray(half));
        controller.close();
      },
    });
    const importing = fetch(`${api.baseUrl}/calls/import`, {
      method: 'POST',
      headers: {
        ...form.headers,
        cookie: Object.entries(agent.cookies)
          .map(([k, v]) => `${k}=${v}`)
          .join('; '),
        'x-csrf-token': agent.csrf,
      },
      body,
      duplex: 'half',
    } as RequestInit);
    await sleep(500);

    const signalledAt = Date.now();
    api.child.kill('SIGTERM');
    await api.waitForLog('shutting down');

    // A new request: refused at the socket, or answered 503 on a connection that was still open.
    const late = await agent.request('GET', '/me').then(
      (res) => res.status,
      (err: Error & { cause?: { code?: string } }) => err.cause?.code ?? err.message,
    );
    expect(['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET', 503]).toContain(late);

    // The live stream is closed by the server.
    await Promise.race([stream.ended, sleep(5_000).then(() => Promise.reject(new Error('the stream was not closed')))]);

    // The slow client sends the rest: the import is done and answered in full.
    sendRest();
    const res = await importing;
    const detail = (await res.json()) as { counts: Record<string, number> };
    expect(res.status, JSON.stringify(detail)).toBe(201);
    expect(detail.counts).toEqual({ created: ROWS, updated: 0, skipped: 0, failed: 0 });

    const exit = await until(
      async () => (api.child.exitCode !== null || api.child.signalCode !== null ? api.exited : undefined),
      10_000,
      'the process to exit',
    );
    expect(exit, JSON.stringify([...api.logs.slice(-15), ...api.output])).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    expect(api.logs.filter((l) => Number(l.level) >= 50)).toEqual([]);
    const [calls] = await db.query<{ n: string }>(`select count(*) as n from calls where user_id = $1`, [user.id]);
    expect(Number(calls?.n)).toBe(ROWS);
    // Its connections are closed: nothing of the process is left on the server.
    const [left] = await db.query<{ n: string }>(
      `select count(*) as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
    );
    expect(Number(left?.n)).toBe(0);
  });
});
