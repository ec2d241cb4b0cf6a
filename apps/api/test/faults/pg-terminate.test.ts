import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '@ct/db';
import { createUser } from '../helpers/factories.ts';
import {
  createFaultDatabase,
  NEEDS_POSTGRES,
  postgresUrl,
  signIn,
  sleep,
  startApi,
  terminateBackends,
  type ApiProcess,
  type FaultDatabase,
  type HttpAgent,
  type HttpResponse,
} from './api-process.ts';

/**
 * DATA-05 (docs/security.md): the API's PostgreSQL connections are killed (pg_terminate_backend of every backend of its
 * database, twice — what a server restart does to it; the machine's server itself is never
 * restarted, other suites use it) while four users read and write. The process stays up, failures
 * are 503 problem+json, it recovers by itself within 5 s, and every acknowledged write is kept.
 */
const USERS = 4;

describe.skipIf(!postgresUrl)(`PostgreSQL connections terminated under load (${NEEDS_POSTGRES})`, () => {
  let db: FaultDatabase;
  let api: ApiProcess;
  const agents: HttpAgent[] = [];

  beforeAll(async () => {
    db = await createFaultDatabase();
    const database = await createDatabase({ url: db.url, poolMax: 2 });
    const users = await Promise.all(Array.from({ length: USERS }, () => createUser(database)));
    await database.close();
    api = await startApi({ DATABASE_URL: db.url });
    for (const user of users) agents.push(await signIn(api.baseUrl, user.email, user.password));
  });
  afterAll(async () => {
    await api?.kill();
    await db?.drop();
  });

  it('stays up, answers 503 problem+json meanwhile, recovers within 5 s and keeps every write it acknowledged', async () => {
    const pid = api.child.pid;
    const statuses: Record<string, number> = {};
    const wrong: string[] = [];
    const acknowledged = { calls: [] as string[], entries: [] as string[] };
    let stop = false;
    let seq = 0;

    const record = (what: string, res: HttpResponse | Error): res is HttpResponse => {
      if (res instanceof Error) {
        statuses.network = (statuses.network ?? 0) + 1;
        wrong.push(`${what}: ${res.message}`);
        return false;
      }
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status === 503) {
        if (
          !res.headers.get('content-type')?.startsWith('application/problem+json') ||
          res.json<{ code?: string }>().code !== 'unavailable'
        )
          wrong.push(`${what}: 503 ${res.text}`);
      } else if (res.status >= 300) wrong.push(`${what}: ${res.status} ${res.text.slice(0, 200)}`);
      return res.status < 300;
    };
    const call = (agent: HttpAgent, method: string, path: string, body?: unknown) =>
      agent.request(method, path, body).catch((err: Error) => err);

    const worker = async (agent: HttpAgent) => {
      while (!stop) {
        record('GET /calls', await call(agent, 'GET', '/calls?pageSize=10'));
        const created = await call(agent, 'POST', '/calls', {
          lastName: `Load${++seq}`,
          phone: `06${String(20_000_000 + seq)}`,
        });
        if (!record('POST /calls', created)) continue;
        const id = created.json<{ id: string }>().id;
        acknowledged.calls.push(id);
        const logged = await call(agent, 'POST', `/calls/${id}/log`, { status: 'no_answer', note: 'under load' });
        if (record('POST /calls/:id/log', logged))
          acknowledged.entries.push(logged.json<{ entry: { id: string } }>().entry.id);
      }
    };
    const running = agents.map(worker);

    await sleep(1_500);
    expect(await terminateBackends(db)).toBeGreaterThan(0);
    await sleep(300);
    await terminateBackends(db);
    const terminatedAt = Date.now();

    // Recovery: the process answers 200 again on its own.
    let recoveredAt = 0;
    while (Date.now() - terminatedAt < 15_000) {
      const [health, me] = await Promise.all([call(agents[0]!, 'GET', '/health'), call(agents[0]!, 'GET', '/me')]);
      if (!(health instanceof Error) && !(me instanceof Error) && health.status === 200 && me.status === 200) {
        recoveredAt = Date.now();
        break;
      }
      await sleep(100);
    }
    const before = acknowledged.calls.length;
    await sleep(1_500);
    stop = true;
    await Promise.all(running);

    expect(
      recoveredAt,
      `no recovery: ${JSON.stringify({ statuses, wrong: wrong.slice(0, 5), out: api.output.slice(0, 20) })}`,
    ).toBeGreaterThan(0);
    expect(recoveredAt - terminatedAt).toBeLessThan(5_000);
    expect(acknowledged.calls.length, 'writes go on after the recovery').toBeGreaterThan(before);
    expect(api.child.exitCode).toBeNull();
    expect(api.child.pid).toBe(pid);
    expect(wrong).toEqual([]);
    // Errors are logged only for what the outage cost after a commit: a notification subscriber that
    // could not write (the attempt itself was acknowledged and is kept; its call_logged notice is lost).
    expect(api.logs.filter((l) => Number(l.level) >= 50 && l.msg !== 'event subscriber failed')).toEqual([]);

    const calls = await db.query<{ id: string }>(`select id from calls where id = any($1::uuid[])`, [
      acknowledged.calls,
    ]);
    expect(calls.length).toBe(acknowledged.calls.length);
    const entries = await db.query<{ id: string }>(`select id from call_status_history where id = any($1::uuid[])`, [
      acknowledged.entries,
    ]);
    expect(entries.length).toBe(acknowledged.entries.length);
    process.stdout.write(
      `pg-terminate: ${JSON.stringify(statuses)}, recovered in ${recoveredAt - terminatedAt} ms, ${acknowledged.calls.length} calls and ${acknowledged.entries.length} attempts acknowledged\n`,
    );
  });
});
