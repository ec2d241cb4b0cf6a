import pg from 'pg';
import { DEFAULT_SETTINGS } from '@ct/contracts';
import { createDatabase, hashPassword, settings, teamLists, teamMembers, teams, users } from '@ct/db';
import { ensureDatabase, loadAverage, percentile, round, type Figure } from './figures.ts';
import { signIn, startApi, type Server } from './processes.ts';

/**
 * `npm run bench -- team`: one team list of TEAM_CALLS contacts (1,000,000), and TEAM_CALLERS callers
 * (20) working it at once over real HTTP against one API process: each claims the next contact
 * (`POST /lists/:id/next`) and logs it (`POST /calls/:id/log`), TEAM_ROUNDS times (50). Reported: the
 * claim's p50/p95/p99 under that load — target p95 < 100 ms — next to the floor, the same claim
 * statement sent straight to PostgreSQL by one client; and the check that no contact was handed out
 * twice. The seed is a campaign under way: a few due callbacks, contacts called before, most never
 * called, as the queue's order meets them.
 *
 * TEAM_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/ct_bench_team, recreated each run).
 */

const URL_DEFAULT = 'postgres://postgres@127.0.0.1:5432/ct_bench_team';
const PASSWORD = 'bench-team-password-1234';

/** The claim as the queue runs it, for the floor (kept equal to call-queue.repository.ts `claimNext`). */
const CLAIM_SQL = `
  with candidate as (
    select id from calls
     where list_id = $1 and deleted_at is null
       and status not in ('reached', 'not_interested', 'wrong_number', 'done') and not unreachable and attempts < $3
       and (assignee_id is null or assignee_id = $2)
       and (lease_expires_at is null or lease_expires_at <= now())
       and (next_reminder_at is null or next_reminder_at <= now())
     order by (next_reminder_at is not null) desc, next_reminder_at asc,
              (last_call_at is null) desc, last_call_at asc, id asc
     limit 1
     for update skip locked
  )
  update calls set lease_holder_id = $2, lease_expires_at = now() + interval '10 minutes'
   where id = (select id from candidate)
   returning id`;

async function seed(url: string, size: number, callerCount: number) {
  const database = await createDatabase({ url, poolMax: 4 });
  try {
    await database.migrate();
    const passwordHash = await hashPassword(PASSWORD);
    const people = await database.db
      .insert(users)
      .values(
        Array.from({ length: callerCount + 1 }, (_, i) => ({
          email: `team-${String(i).padStart(2, '0')}@bench.local`,
          name: `Caller ${i}`,
          passwordHash,
        })),
      )
      .returning({ id: users.id, email: users.email });
    await database.db.insert(settings).values(people.map((p) => ({ userId: p.id, ...DEFAULT_SETTINGS })));
    const [team] = await database.db.insert(teams).values({ name: 'Bench' }).returning();
    await database.db.insert(teamMembers).values(people.map((p) => ({ teamId: team!.id, userId: p.id })));
    const [list] = await database.db
      .insert(teamLists)
      .values({ teamId: team!.id, name: 'Campagne', cooldownMinutes: 0, maxAttempts: 5, createdBy: people[0]!.id })
      .returning();
    return { listId: list!.id, owner: people[0]!, callers: people.slice(1) };
  } finally {
    await database.close();
  }
}

/** The contacts, a million rows in chunks of one INSERT … SELECT each: 1 ‰ due callbacks, 20 % called before. */
async function fillList(client: pg.Client, ownerId: string, listId: string, size: number) {
  const chunk = 200_000;
  for (let start = 1; start <= size; start += chunk) {
    const end = Math.min(size, start + chunk - 1);
    await client.query(
      `insert into calls (user_id, list_id, contact_first_name, contact_last_name, phone, phone_e164, phone_valid,
                          attempts, last_call_at, next_reminder_at, status)
       select $1, $2, 'Contact', 'N' || n, '06' || lpad(n::text, 8, '0'), '+336' || lpad(n::text, 8, '0'), true,
              case when n % 5 = 0 then 1 else 0 end,
              case when n % 5 = 0 then now() - (n % 1000) * interval '1 hour' end,
              case when n % 1000 = 0 then now() - interval '1 hour' end,
              (case when n % 5 = 0 then 'no_answer' else 'to_call' end)::call_status
         from generate_series($3::int, $4::int) as n`,
      [ownerId, listId, start, end],
    );
  }
  await client.query('analyze calls');
}

export async function benchTeam(): Promise<{ ok: boolean; figures: Figure[] } & Record<string, unknown>> {
  const url = process.env.TEAM_DATABASE_URL ?? URL_DEFAULT;
  const size = Number(process.env.TEAM_CALLS ?? 1_000_000);
  const callerCount = Number(process.env.TEAM_CALLERS ?? 20);
  const rounds = Number(process.env.TEAM_ROUNDS ?? 50);
  const out = process.stdout;

  await ensureDatabase(url, { fresh: true });
  const { listId, owner, callers } = await seed(url, size, callerCount);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let api: Server | undefined;
  try {
    const filling = performance.now();
    await fillList(client, owner.id, listId, size);
    out.write(`seeded ${size.toLocaleString('en')} contacts in ${round((performance.now() - filling) / 1000, 1)} s\n`);

    // The floor: the same statement from one client, straight to PostgreSQL, its leases then undone.
    const floor: number[] = [];
    await client.query('begin');
    for (let i = 0; i < 200; i++) {
      const started = performance.now();
      await client.query(CLAIM_SQL, [listId, owner.id, 5]);
      floor.push(performance.now() - started);
    }
    await client.query('rollback');
    const plan = (await client.query(`explain ${CLAIM_SQL}`, [listId, owner.id, 5])).rows
      .map((r: Record<string, string>) => r['QUERY PLAN'])
      .join('\n');

    api = await startApi(url, { LOGIN_RATE_MAX: String(callerCount * 2) });
    const sessions = await Promise.all(callers.map((c) => signIn(api!.url, c.email, PASSWORD)));
    const claimMs: number[] = [];
    const handedOut = new Map<string, number>();
    const failures: string[] = [];
    const base = api.url;
    const send = (session: { cookie: string; csrf: string }, path: string, body: unknown) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
        body: JSON.stringify(body),
      });

    const started = performance.now();
    await Promise.all(
      sessions.map(async (session, index) => {
        for (let round = 0; round < rounds; round++) {
          const t0 = performance.now();
          const res = await send(session, `/lists/${listId}/next`, {});
          claimMs.push(performance.now() - t0);
          if (res.status !== 200) {
            failures.push(`claim by ${index}: ${res.status} ${(await res.text()).slice(0, 200)}`);
            return;
          }
          const { call } = (await res.json()) as { call: { id: string } };
          handedOut.set(call.id, (handedOut.get(call.id) ?? 0) + 1);
          const logged = await send(session, `/calls/${call.id}/log`, { status: 'reached' });
          await logged.arrayBuffer();
          if (logged.status !== 201) failures.push(`log by ${index}: ${logged.status}`);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const twice = [...handedOut.values()].filter((n) => n > 1).length;
    const p50 = round(percentile(claimMs, 50));
    const p95 = round(percentile(claimMs, 95));
    const p99 = round(percentile(claimMs, 99));
    const floorP95 = round(percentile(floor, 95));
    const pass = p95 < 100 && twice === 0 && failures.length === 0;
    out.write(
      `${claimMs.length} claims by ${callerCount} callers in ${round(seconds, 1)} s: p50 ${p50} ms, p95 ${p95} ms, p99 ${p99} ms ` +
        `(floor p95 ${floorP95} ms); handed out twice: ${twice}; failures: ${failures.length}\n`,
    );
    for (const failure of failures.slice(0, 5)) out.write(`  ✗ ${failure}\n`);
    const figure: Figure = {
      benchmark: 'team',
      name: `claim p95, ${callerCount} callers on a ${size.toLocaleString('en')}-contact list`,
      measured: p95,
      unit: 'ms',
      floor: floorP95,
      floorLabel: 'the claim SQL, one client, no HTTP',
      ratio: floorP95 > 0 ? round(p95 / floorP95) : null,
      target: 'p95 < 100 ms, no contact twice',
      pass,
      loadAverage: loadAverage(),
      detail: {
        p50,
        p99,
        claims: claimMs.length,
        handedOutTwice: twice,
        failures: failures.length,
        seconds: round(seconds, 1),
      },
    };
    return { ok: pass, figures: [figure], plan, latencyMs: { p50, p95, p99 }, floorMs: { p95: floorP95 } };
  } finally {
    await api?.stop();
    await client.end();
  }
}
