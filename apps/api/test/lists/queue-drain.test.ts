import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, teamLists, teamMembers, teams } from '@ct/db';
import { createUser, type TestUser } from '../helpers/factories.ts';
import {
  createFaultDatabase,
  NEEDS_POSTGRES,
  postgresUrl,
  signIn,
  startApi,
  type ApiProcess,
  type FaultDatabase,
  type HttpAgent,
} from '../faults/api-process.ts';

/**
 * The queue under load, as a team uses it: 20 callers — real HTTP clients, half on each of two API
 * processes sharing one PostgreSQL database — drain a 1,000-contact list at the same time. Every
 * contact must be handed out exactly once (the SKIP LOCKED claim), and the counts must come out exact.
 * PostgreSQL only: PGlite lives inside one process and serialises everything, so it proves nothing here.
 */
const CALLERS = 20;
const CONTACTS = 1_000;

interface Claim {
  call: { id: string; listId: string };
  lease: { expiresAt: string };
}

describe.skipIf(!postgresUrl)(`20 callers draining one list on two API processes (${NEEDS_POSTGRES})`, () => {
  let db: FaultDatabase;
  let processes: ApiProcess[] = [];
  let callers: TestUser[] = [];
  let listId = '';

  beforeAll(async () => {
    db = await createFaultDatabase();
    const database = await createDatabase({ url: db.url, poolMax: 2 });
    const owner = await createUser(database, { name: 'List Owner' });
    callers = [];
    for (let i = 0; i < CALLERS; i++) callers.push(await createUser(database, { name: `Caller ${i}` }));
    const [team] = await database.db.insert(teams).values({ name: 'Drain' }).returning();
    await database.db
      .insert(teamMembers)
      .values([owner, ...callers].map((u) => ({ teamId: team!.id, userId: u.id, role: 'member' as const })));
    const [list] = await database.db
      .insert(teamLists)
      .values({ teamId: team!.id, name: 'Mille', cooldownMinutes: 0, maxAttempts: 5, createdBy: owner.id })
      .returning();
    listId = list!.id;
    await database.close();
    // The contacts, in one statement: the owner's calls on the list, numbers all different.
    await db.query(
      `insert into calls (user_id, list_id, contact_first_name, contact_last_name, phone, phone_e164, phone_valid)
       select $1, $2, 'Contact', 'N' || n, '06' || lpad(n::text, 8, '0'), '+336' || lpad(n::text, 8, '0'), true
         from generate_series(1, ${CONTACTS}) as n`,
      [owner.id, listId],
    );
    const env = { DATABASE_URL: db.url, LOGIN_RATE_MAX: '1000', TRUST_PROXY: '127.0.0.1' };
    processes = await Promise.all([startApi(env), startApi(env)]);
  }, 240_000);
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.kill()));
    await db?.drop();
  });

  it('hands every contact out exactly once, never one that is leased, with exact counts', async () => {
    const agents: HttpAgent[] = await Promise.all(
      callers.map((u, i) => signIn(processes[i % processes.length]!.baseUrl, u.email, u.password)),
    );
    const claimedBy = new Map<string, number[]>();
    const failures: string[] = [];

    async function drain(agent: HttpAgent, index: number) {
      for (;;) {
        const next = await agent.request('POST', `/lists/${listId}/next`, {});
        if (next.status === 204) return;
        if (next.status !== 200) {
          failures.push(`claim by ${index}: ${next.status} ${next.text.slice(0, 200)}`);
          return;
        }
        const { call } = next.json<Claim>();
        claimedBy.set(call.id, [...(claimedBy.get(call.id) ?? []), index]);
        const logged = await agent.request('POST', `/calls/${call.id}/log`, { status: 'reached', note: `by ${index}` });
        if (logged.status !== 201) failures.push(`log by ${index}: ${logged.status} ${logged.text.slice(0, 200)}`);
      }
    }
    await Promise.all(agents.map((agent, i) => drain(agent, i)));

    expect(failures).toEqual([]);
    const twice = [...claimedBy].filter(([, by]) => by.length > 1);
    expect(twice, 'contacts handed out more than once').toEqual([]);
    expect(claimedBy.size).toBe(CONTACTS);
    // Both processes took part, and the work spread over the callers.
    const perCaller = new Map<number, number>();
    for (const [, [by]] of claimedBy) perCaller.set(by!, (perCaller.get(by!) ?? 0) + 1);
    expect(perCaller.size).toBe(CALLERS);

    const [counts] = await db.query<{ attempts: string; history: string; leased: string; open: string }>(
      `select (select sum(attempts) from calls where list_id = $1) as attempts,
              (select count(*) from call_status_history h join calls c on c.id = h.call_id where c.list_id = $1) as history,
              (select count(*) from calls where list_id = $1 and lease_holder_id is not null) as leased,
              (select count(*) from calls where list_id = $1 and status <> 'reached') as open`,
      [listId],
    );
    expect(counts).toEqual({ attempts: String(CONTACTS), history: String(CONTACTS), leased: '0', open: '0' });
    // Each attempt is its caller's: the history names the member who claimed the contact.
    const history = await db.query<{ note: string; created_by: string }>(
      `select h.note, h.created_by from call_status_history h join calls c on c.id = h.call_id where c.list_id = $1`,
      [listId],
    );
    const wrong = history.filter((h) => h.note !== `by ${callers.findIndex((u) => u.id === h.created_by)}`);
    expect(wrong).toEqual([]);

    const progress = await agents[0]!.request('GET', `/lists/${listId}`);
    expect(progress.json<{ progress: { total: number; remaining: number; done: number } }>().progress).toMatchObject({
      total: CONTACTS,
      remaining: 0,
      done: CONTACTS,
    });
  }, 300_000);
});
