import pg from 'pg';
import { createDatabase, teamLists } from '@ct/db';
import { claimNext, claimStatement, QUEUE_TIERS } from '../apps/api/src/modules/calls/call-queue.repository.ts';
import { ensureDatabase, loadAverage, percentile, round, type Figure } from './figures.ts';
import { signIn, startApi, type Server } from './processes.ts';
import { insertTeamOfCallers } from './team-seed.ts';

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

class RolledBack extends Error {}

async function seed(url: string, size: number, callerCount: number) {
  const database = await createDatabase({ url, poolMax: 4 });
  try {
    await database.migrate();
    const { people, teamId } = await insertTeamOfCallers(database.db, {
      emailPrefix: 'team',
      count: callerCount + 1,
      password: PASSWORD,
      teamName: 'Bench',
    });
    const lists = await database.db
      .insert(teamLists)
      .values(
        ['Campagne', 'Petite campagne'].map((name) => ({
          teamId,
          name,
          cooldownMinutes: 0,
          maxAttempts: 5,
          createdBy: people[0]!.id,
        })),
      )
      .returning();
    return { listId: lists[0]!.id, smallListId: lists[1]!.id, owner: people[0]!, callers: people.slice(1) };
  } finally {
    await database.close();
  }
}

/** The contacts, a million rows in chunks of one INSERT … SELECT each: 1 ‰ due callbacks, 20 % called before. */
async function fillList(client: pg.Client, ownerId: string, listId: string, size: number, first = 1) {
  const chunk = 200_000;
  for (let start = first; start < first + size; start += chunk) {
    const end = Math.min(first + size - 1, start + chunk - 1);
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
}

/** TEAM_CALLERS callers each claim and log TEAM_ROUNDS contacts of `listId`, all at once, over HTTP. */
async function workTheList(base: string, listId: string, sessions: { cookie: string; csrf: string }[], rounds: number) {
  const claimMs: number[] = [];
  const handedOut = new Map<string, number>();
  const failures: string[] = [];
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
  return {
    seconds: (performance.now() - started) / 1000,
    claims: claimMs.length,
    p50: round(percentile(claimMs, 50)),
    p95: round(percentile(claimMs, 95)),
    p99: round(percentile(claimMs, 99)),
    twice: [...handedOut.values()].filter((n) => n > 1).length,
    failures,
  };
}

/** claimNext itself, straight to PostgreSQL from one client, 200 times in a transaction then rolled back. */
async function claimFloor(url: string, listId: string, userId: string): Promise<number[]> {
  const floor: number[] = [];
  const direct = await createDatabase({ url, poolMax: 1 });
  try {
    await direct.db
      .transaction(async (tx) => {
        const request = { listId, userId, cooldownMinutes: 0, maxAttempts: 5, exclude: [] };
        for (let i = 0; i < 200; i++) {
          const now = new Date();
          const started = performance.now();
          await claimNext(tx, { ...request, now, leaseUntil: new Date(now.getTime() + 600_000) });
          floor.push(performance.now() - started);
        }
        throw new RolledBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RolledBack)) throw error;
      });
  } finally {
    await direct.close();
  }
  return floor;
}

export async function benchTeam(): Promise<{ ok: boolean; figures: Figure[] } & Record<string, unknown>> {
  const url = process.env.TEAM_DATABASE_URL ?? URL_DEFAULT;
  const size = Number(process.env.TEAM_CALLS ?? 1_000_000);
  const smallSize = Number(process.env.TEAM_SMALL_CALLS ?? 10_000);
  const callerCount = Number(process.env.TEAM_CALLERS ?? 20);
  const rounds = Number(process.env.TEAM_ROUNDS ?? 50);
  const out = process.stdout;

  await ensureDatabase(url, { fresh: true });
  const { listId, smallListId, owner, callers } = await seed(url, size, callerCount);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let api: Server | undefined;
  try {
    const filling = performance.now();
    await fillList(client, owner.id, listId, size);
    await fillList(client, owner.id, smallListId, smallSize, size + 1);
    await client.query('analyze calls');
    out.write(
      `seeded ${size.toLocaleString('en')} + ${smallSize.toLocaleString('en')} contacts in ` +
        `${round((performance.now() - filling) / 1000, 1)} s\n`,
    );

    const floor = await claimFloor(url, listId, owner.id);
    // The plans of the very statements a claim sends, tier by tier (EXPLAIN without ANALYZE runs nothing).
    const plans: string[] = [];
    const builder = await createDatabase({ url, poolMax: 1 });
    const now = new Date();
    const request = {
      listId,
      userId: owner.id,
      now,
      leaseUntil: new Date(now.getTime() + 600_000),
      cooldownMinutes: 30,
      maxAttempts: 5,
      exclude: [],
    };
    const statements = QUEUE_TIERS.map((tier) => claimStatement(builder.db, request, tier).toSQL());
    await builder.close();
    for (const statement of statements) {
      const explained = await client.query(`explain ${statement.sql}`, statement.params);
      plans.push(explained.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'));
    }

    api = await startApi(url, { LOGIN_RATE_MAX: String(callerCount * 2) });
    const sessions = await Promise.all(callers.map((c) => signIn(api!.url, c.email, PASSWORD)));
    // The same load on a small list first, then on the big one: the claim must cost the same on both
    // (after a warm-up, so that neither pays for the JIT).
    await workTheList(api.url, smallListId, sessions, 5);
    const small = await workTheList(api.url, smallListId, sessions, rounds);
    const big = await workTheList(api.url, listId, sessions, rounds);
    const floorP95 = round(percentile(floor, 95));
    const growth = small.p95 > 0 ? round(big.p95 / small.p95) : null;
    const failures = [...small.failures, ...big.failures];
    const twice = small.twice + big.twice;
    const pass = growth !== null && growth <= 1.25 && twice === 0 && failures.length === 0;
    for (const [label, run] of [
      [`${smallSize.toLocaleString('en')}-contact list`, small],
      [`${size.toLocaleString('en')}-contact list`, big],
    ] as const)
      out.write(
        `${label}: ${run.claims} claims by ${callerCount} callers in ${round(run.seconds, 1)} s: ` +
          `p50 ${run.p50} ms, p95 ${run.p95} ms, p99 ${run.p99} ms\n`,
      );
    out.write(
      `floor (claimNext, one client) p95 ${floorP95} ms; p95 growth ${growth}×; handed out twice: ${twice}; ` +
        `failures: ${failures.length}\n`,
    );
    for (const failure of failures.slice(0, 5)) out.write(`  ✗ ${failure}\n`);
    const figure: Figure = {
      benchmark: 'team',
      name: `claim p95, ${callerCount} callers on a ${size.toLocaleString('en')}-contact list`,
      measured: big.p95,
      unit: 'ms',
      floor: small.p95,
      floorLabel: `the same load on a ${smallSize.toLocaleString('en')}-contact list`,
      ratio: growth,
      target: '≤ 1.25× the small list (a claim costs the same at any size), no contact twice',
      pass,
      loadAverage: loadAverage(),
      detail: {
        p50: big.p50,
        p99: big.p99,
        smallP50: small.p50,
        claimSqlP95: floorP95,
        claims: small.claims + big.claims,
        handedOutTwice: twice,
        failures: failures.length,
        seconds: round(small.seconds + big.seconds, 1),
      },
    };
    return {
      ok: pass,
      figures: [figure],
      plan: plans.join('\n\n'),
      latencyMs: { p50: big.p50, p95: big.p95, p99: big.p99 },
      smallListLatencyMs: { p50: small.p50, p95: small.p95, p99: small.p99 },
      claimSqlMs: { p95: floorP95 },
    };
  } finally {
    await api?.stop();
    await client.end();
  }
}
