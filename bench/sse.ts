import { request as httpRequest, type ClientRequest } from 'node:http';
import { randomUUID } from 'node:crypto';
import { execSync } from 'node:child_process';
import { DEFAULT_SETTINGS } from '@ct/contracts';
import { createDatabase, hashPassword, settings, users, type Database } from '@ct/db';
import {
  insertNotification,
  publishNotification,
} from '../apps/api/src/modules/notifications/notifications.repository.ts';
import { ensureDatabase, loadAverage, percentile, round, type Figure } from './figures.ts';
import { signIn, startApi, type Server } from './processes.ts';

/**
 * `npm run bench -- sse`: SSE_USERS users (100) × SSE_STREAMS_PER_USER streams (10) = 1,000 open
 * `GET /me/notifications/stream` on one API process (as deployed, its own process), each a raw
 * node:http connection with the user's cookies. Then SSE_ROUNDS rounds (10): one notification for
 * every user, SSE_RATE a second (100), each written the way the app writes one — the row
 * (`insertNotification`) and `pg_notify` (`publishNotification`) in one transaction, the app's own
 * repository functions — and the time from sending that INSERT to the event's arrival on each of the
 * user's streams (also shown: from the commit's acknowledgement). Target: p95 < 250 ms over every
 * delivery. Also: the API's RSS before and after opening the streams.
 *
 * SSE_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/ct_bench_sse, recreated each run).
 */

const URL_DEFAULT = 'postgres://postgres@127.0.0.1:5432/ct_bench_sse';
const PASSWORD = 'bench-sse-password-1234';
const ROUND_TIMEOUT_MS = 30_000;

interface Stream {
  req: ClientRequest;
  userIndex: number;
  /** Notification id → arrival time (performance.now()). */
  received: Map<number, number>;
}

/** Opens one SSE stream and records when each event id arrives. */
function openStream(base: string, cookie: string, userIndex: number): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const received = new Map<number, number>();
    const req = httpRequest(`${base}/me/notifications/stream`, {
      agent: false,
      headers: { cookie, accept: 'text/event-stream' },
    });
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`stream answered ${res.statusCode}`));
        res.resume();
        return;
      }
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        const at = performance.now();
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const id = /^id: (\d+)$/m.exec(event);
          if (id) received.set(Number(id[1]), at);
        }
      });
      resolve({ req, userIndex, received });
    });
    req.on('error', reject);
    req.end();
  });
}

async function createUsers(database: Database, count: number) {
  const passwordHash = await hashPassword(PASSWORD);
  const rows = await database.db
    .insert(users)
    .values(
      Array.from({ length: count }, (_, i) => ({
        email: `sse-${String(i).padStart(3, '0')}@bench.local`,
        name: `SSE ${i}`,
        passwordHash,
      })),
    )
    .returning({ id: users.id, email: users.email });
  await database.db.insert(settings).values(rows.map((r) => ({ userId: r.id, ...DEFAULT_SETTINGS })));
  return rows;
}

export async function benchSse() {
  const url = process.env.SSE_DATABASE_URL ?? URL_DEFAULT;
  const userCount = Number(process.env.SSE_USERS ?? 100);
  const perUser = Number(process.env.SSE_STREAMS_PER_USER ?? 10);
  const rounds = Number(process.env.SSE_ROUNDS ?? 10);
  const rate = Number(process.env.SSE_RATE ?? 100);
  const out = process.stdout;
  const fdLimit = Number(execSync('ulimit -n', { shell: '/bin/sh' }).toString().trim()) || null;
  if (fdLimit !== null && fdLimit < userCount * perUser * 2 + 100)
    throw new Error(`ulimit -n is ${fdLimit}: too low for ${userCount * perUser} streams (client and server ends)`);

  await ensureDatabase(url, { fresh: true });
  const database = await createDatabase({ url, poolMax: 10 });
  let api: Server | undefined;
  const streams: Stream[] = [];
  try {
    await database.migrate();
    const people = await createUsers(database, userCount);
    api = await startApi(url, { LOGIN_RATE_MAX: String(userCount * 2) });
    const cookies: string[] = [];
    for (const person of people) cookies.push((await signIn(api.url, person.email, PASSWORD)).cookie);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const rssBefore = api.rssMb();

    const opening = performance.now();
    for (let i = 0; i < people.length; i++) {
      const batch = await Promise.all(Array.from({ length: perUser }, () => openStream(api!.url, cookies[i]!, i)));
      streams.push(...batch);
    }
    const openSeconds = round((performance.now() - opening) / 1000);
    // Each stream reads its starting cursor once it is open; let that settle before measuring.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const rssOpen = api.rssMb();
    out.write(
      `${streams.length} streams open (${userCount} users × ${perUser}) in ${openSeconds} s │ API RSS ${rssBefore} MB → ${rssOpen} MB │ load ${loadAverage()}\n`,
    );

    const latencies: number[] = [];
    const commitLatencies: number[] = [];
    const writeDurations: number[] = [];
    let missing = 0;
    for (let r = 0; r < rounds; r++) {
      /** Per user: the id of this round's notification and when its INSERT was sent. */
      const sent: { id: number; at: number; committed: number }[] = [];
      // Every user gets one notification; the writes are paced (SSE_RATE a second), as user actions
      // arrive, rather than all at once (a burst measures PostgreSQL's commit queue, not the streams).
      const start = performance.now();
      await Promise.all(
        people.map(async (person, userIndex) => {
          const wait = start + (userIndex * 1000) / rate - performance.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          const at = performance.now();
          const row = await database.db.transaction(async (tx) => {
            const inserted = await insertNotification(tx, {
              userId: person.id,
              type: 'call_logged',
              title: 'Appel effectué',
              body: `Benchmark round ${r}`,
              link: null,
              meta: {},
              dedupeKey: `bench:${randomUUID()}`,
              createdAt: new Date(),
            });
            if (!inserted) throw new Error('notification not inserted');
            await publishNotification(tx, person.id, inserted.id);
            return inserted;
          });
          sent[userIndex] = { id: row.id, at, committed: performance.now() };
        }),
      );
      const arrived = (s: Stream) => s.received.has(sent[s.userIndex]!.id);
      const deadline = performance.now() + ROUND_TIMEOUT_MS;
      while (!streams.every(arrived) && performance.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      for (const stream of streams) {
        const write = sent[stream.userIndex]!;
        const at = stream.received.get(write.id);
        if (at === undefined) missing++;
        else {
          latencies.push(at - write.at);
          commitLatencies.push(at - write.committed);
          writeDurations.push(write.committed - write.at);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const rssAfter = api.rssMb();
    const p50 = round(percentile(latencies, 50));
    const p95 = round(percentile(latencies, 95));
    const p99 = round(percentile(latencies, 99));
    const max = round(Math.max(...latencies));
    const fromCommit = { p50: round(percentile(commitLatencies, 50)), p95: round(percentile(commitLatencies, 95)) };
    const write = { p50: round(percentile(writeDurations, 50)), p95: round(percentile(writeDurations, 95)) };
    out.write(`  of which the write transaction itself: p50 ${write.p50} ms, p95 ${write.p95} ms; from its commit to receipt: p50 ${fromCommit.p50} ms, p95 ${fromCommit.p95} ms\n`);
    out.write(
      `${latencies.length} deliveries (${rounds} rounds × ${userCount} notifications × ${perUser} streams), ${missing} missing: p50 ${p50} ms, p95 ${p95} ms, p99 ${p99} ms, max ${max} ms │ RSS after ${rssAfter} MB │ load ${loadAverage()}\n`,
    );
    const figure: Figure = {
      benchmark: 'sse',
      name: `SSE delivery, ${streams.length} open streams, p95 from INSERT to receipt`,
      measured: p95,
      unit: 'ms',
      floor: null,
      floorLabel: '',
      ratio: null,
      target: '< 250 ms, none missing',
      pass: p95 < 250 && missing === 0,
      loadAverage: loadAverage(),
      detail: { p50, p99, max, deliveries: latencies.length, missing, fromCommit, write },
    };
    const memory: Figure = {
      benchmark: 'sse',
      name: `API RSS with ${streams.length} open streams`,
      measured: rssOpen,
      unit: 'MB',
      floor: rssBefore,
      floorLabel: 'before opening',
      ratio: rssBefore > 0 ? round(rssOpen / rssBefore) : null,
      target: 'reported',
      pass: true,
      loadAverage: loadAverage(),
      detail: { perStreamKb: round(((rssOpen - rssBefore) * 1024) / streams.length, 1), afterDeliveriesMb: rssAfter },
    };
    out.write(`p95 ${p95} ms (target < 250 ms) — ${figure.pass ? 'pass' : 'FAIL'}\n`);
    return {
      ok: figure.pass,
      figures: [figure, memory],
      streams: streams.length,
      users: userCount,
      rounds,
      openSeconds,
      fdLimit,
      latencyMs: { p50, p95, p99, max },
      missing,
      rssMb: { before: rssBefore, open: rssOpen, after: rssAfter },
    };
  } finally {
    for (const stream of streams) stream.req.destroy();
    await api?.stop();
    await database.close();
  }
}
