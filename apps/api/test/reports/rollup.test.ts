import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallStatus, ReportRange } from '@ct/contracts';
import { CALL_STATUSES } from '@ct/contracts';
import { buildRawKpiQueries, rawTeamAttempts, runRawKpiQueries } from '../../src/modules/reports/kpi-raw.repository.ts';
import { buildKpiQueries, runKpiQueries, runTeamKpis } from '../../src/modules/reports/reports.repository.ts';
import { kpiRange } from '../../src/modules/reports/reports.service.ts';
import { purgeDeletedCalls } from '../../src/modules/calls/index.ts';
import { createUser } from '../helpers/factories.ts';
import { insertAttempt, insertCall, updateProfile } from '../helpers/rows.ts';
import { query, logAttempt } from '../calls/fixtures.ts';
import { upload, fixture } from '../imports/helpers.ts';
import { createTeamCast, type TeamCast } from '../lists/fixtures.ts';

/**
 * The roll-up (docs/decisions/0110-kpi-roll-up.md) against its definition, the raw queries over the
 * history (kpi-raw.repository.ts): a seeded random mix of attempts — every outcome, any minute of
 * the day, over three months across the European and American DST changes, on personal and team-list
 * calls, logged over HTTP and written straight to the table — then every write that changes what the
 * KPIs count. After each step, every figure of every user's report (in their zone) and of the team
 * report (in zones with :00, :30 and :45 offsets) must be the raw one, for presets and custom ranges.
 */

const NOW = '2026-04-02T10:00:00Z';
const RANGES: ReportRange[] = [
  { kind: 'preset', days: 7 },
  { kind: 'preset', days: 30 },
  { kind: 'preset', days: 90 },
  { kind: 'dates', from: '2026-03-29', to: '2026-03-29' }, // Paris' 23-hour day
  { kind: 'dates', from: '2026-03-08', to: '2026-03-30' }, // both DST changes
  { kind: 'dates', from: '2026-01-01', to: '2026-04-02' },
];
const VIEWER_ZONES = ['Europe/Paris', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/New_York'];

/** mulberry32: the same "random" mix on every run. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const random = prng(67);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
/** Any minute from 1 January to now, half of them on the quarter hours where zones' days begin. */
function randomInstant(): Date {
  const start = Date.parse('2026-01-01T00:00:00Z');
  const minutes = Math.floor(random() * ((Date.parse(NOW) - start) / 60_000));
  const at = start + minutes * 60_000;
  return new Date(random() < 0.5 ? at - (at % 900_000) : at);
}

let cast: TeamCast;
let lists: string[];
let users: string[];
type Call = { id: string; userId: string };
const calls: Call[] = [];
const listOf = new Map<string, string>();

async function onList(callId: string, listId: string) {
  await query(cast.t.database, `update calls set list_id = '${listId}' where id = '${callId}'`);
  listOf.set(callId, listId);
}

/** Who may log on a call: its owner, or any member of the team while it is on a list. */
const loggerOf = (call: Call) => (listOf.has(call.id) ? pick(users) : call.userId);

async function logRandomAttempts(count: number) {
  for (let i = 0; i < count; i++) {
    const call = pick(calls);
    const status: CallStatus = random() < 0.1 ? 'to_call' : pick(CALL_STATUSES.slice(1));
    await insertAttempt(cast.t.database, { id: call.id, userId: loggerOf(call) }, status, randomInstant());
  }
}

async function expectRollupEqualsRaw() {
  const db = cast.t.app.db;
  const now = new Date(NOW);
  for (const userId of users) {
    const [user] = await query<{ timezone: string }>(
      cast.t.database,
      `select timezone from users where id = '${userId}'`,
    );
    const zone = user!.timezone;
    for (const range of RANGES) {
      const { bounds } = kpiRange(range, zone, now);
      const scope = { kind: 'user' as const, userId };
      const rolled = await runKpiQueries(buildKpiQueries(db, scope, zone, bounds, now), bounds);
      const raw = await runRawKpiQueries(buildRawKpiQueries(db, scope, zone, bounds, now));
      expect(rolled, `${userId} ${JSON.stringify(range)} ${zone}`).toEqual(raw);
    }
  }
  const scope = { kind: 'team' as const, listIds: lists, memberIds: users };
  for (const zone of VIEWER_ZONES)
    for (const range of RANGES) {
      const { bounds } = kpiRange(range, zone, now);
      const rolled = await runTeamKpis(db, scope, zone, bounds, now);
      const raw = await rawTeamAttempts(db, scope, bounds);
      for (const memberId of users) {
        const r = raw.find((row) => row.memberId === memberId);
        const mine = rolled.byMember.get(memberId)!;
        expect(
          { callsMade: mine.totals.callsMade, answered: mine.answered, answerRate: mine.totals.answerRate },
          `${memberId} ${JSON.stringify(range)} ${zone}`,
        ).toEqual({
          callsMade: r?.callsMade ?? 0,
          answered: r?.answered ?? 0,
          answerRate:
            r && r.ratedAttempts > 0 ? Math.round((r.ratedAnswered / r.ratedAttempts) * 10_000) / 10_000 : null,
        });
      }
    }
}

const rollupTables = async () => ({
  buckets: await query(
    cast.t.database,
    `select user_id, bucket, list_id, member_id, no_answer, voicemail, callback, reached, not_interested, wrong_number, done, rated_attempts, rated_answered
       from kpi_attempt_buckets where no_answer + voicemail + callback + reached + not_interested + wrong_number + done + rated_attempts + rated_answered > 0
      order by 1, 2, 3, 4`,
  ),
  contacts: await query(
    cast.t.database,
    `select user_id, day::text, gap, answered, wrong from kpi_contact_days where answered > 0 or wrong > 0 order by 1, 2, 3`,
  ),
});

beforeAll(async () => {
  cast = await createTeamCast(NOW);
  const { t, lead, admin, leadUser, memberUser, teamId } = cast;
  // A third member, in a zone half an hour off the hour.
  const kiran = await createUser(t.database, { name: 'Kiran', timezone: 'Asia/Kolkata' });
  const joined = await admin.post(`/teams/${teamId}/members`, { userId: kiran.id, role: 'member' });
  expect(joined.statusCode, joined.body).toBeLessThan(300);
  users = [leadUser.id, memberUser.id, kiran.id];
  await updateProfile(t.database, leadUser.id, { timezone: 'Europe/Paris' });
  await updateProfile(t.database, memberUser.id, { timezone: 'America/New_York' });
  lists = [];
  for (const name of ['Printemps', 'Hiver']) {
    const res = await lead.post('/lists', { name, teamId });
    expect(res.statusCode, res.body).toBe(201);
    lists.push(res.json<{ id: string }>().id);
  }
  for (const userId of users)
    for (let i = 0; i < 12; i++) {
      const phone = `06 ${String(10 + i)} ${String(20 + users.indexOf(userId))} 45 87`;
      const call = await insertCall(t.database, userId, {
        phone,
        firstName: `C${i}`,
        ...(i % 5 === 0 ? { flagged: 'fiction_range' } : {}),
      });
      calls.push(call);
      if (i % 3 === 0) await onList(call.id, pick(lists));
    }
});
afterAll(() => cast.t.close());

describe('the KPI roll-up gives the raw queries’ figures', () => {
  it('after a random mix of attempts, written to the table and logged over HTTP', async () => {
    await logRandomAttempts(250);
    const mine = calls.filter((c) => c.userId === cast.leadUser.id && !listOf.has(c.id));
    for (let i = 0; i < 8; i++) {
      const call = pick(mine);
      // wrong_number flags the number in the same transaction: the call's earlier attempts leave the rates.
      await logAttempt(cast.lead, call.id, {
        status: pick(['no_answer', 'reached', 'wrong_number', 'callback'] as const),
        occurredAt: randomInstant().toISOString(),
      });
    }
    await expectRollupEqualsRaw();
  });

  it('after calls are deleted, restored and moved on and off lists', async () => {
    const ownCalls = calls.filter((c) => c.userId === cast.leadUser.id);
    const deleted = ownCalls.slice(0, 6);
    for (const call of deleted) expect((await cast.lead.delete(`/calls/${call.id}`)).statusCode).toBe(204);
    await expectRollupEqualsRaw();
    for (const call of deleted.slice(0, 3))
      expect((await cast.lead.post(`/calls/${call.id}/restore`)).statusCode).toBe(200);
    const listed = calls.filter((c) => listOf.has(c.id) && !deleted.includes(c)).slice(0, 3);
    for (const call of listed) {
      const res = await cast.lead.delete(`/lists/${listOf.get(call.id)}/calls/${call.id}`);
      expect(res.statusCode, res.body).toBe(204);
      listOf.delete(call.id);
    }
    const moved = calls.find((c) => listOf.has(c.id))!;
    await onList(
      moved.id,
      lists.find((l) => l !== listOf.get(moved.id))!,
    );
    await query(
      cast.t.database,
      `update calls set phone_flagged = not phone_flagged where id in ('${calls[4]!.id}', '${calls[13]!.id}')`,
    );
    await expectRollupEqualsRaw();
  });

  it('after an import whose calls were called is reverted', async () => {
    const imported = (await upload(cast.lead, fixture('duplicates.csv'))).json<{ id: string }>();
    const created = await query<{ id: string; user_id: string }>(
      cast.t.database,
      `select id, user_id from calls where import_id = '${imported.id}'`,
    );
    expect(created.length).toBeGreaterThan(0);
    // Written straight to the table: the calls stay at the version the import wrote, and the revert takes them.
    for (const row of created)
      for (const status of ['reached', 'wrong_number', 'no_answer'] as const)
        await insertAttempt(cast.t.database, { id: row.id, userId: row.user_id }, status, randomInstant());
    await expectRollupEqualsRaw();
    const res = await cast.lead.post(`/imports/${imported.id}/revert`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ reverted: number }>().reverted).toBe(created.length);
    await expectRollupEqualsRaw();
  });

  it('after entries are edited and removed, a zone changes, live and deleted calls are purged', async () => {
    await logRandomAttempts(60);
    await query(
      cast.t.database,
      `update call_status_history set occurred_at = occurred_at - interval '5 days 7 hours 30 minutes', status = 'reached'
        where id in (select id from call_status_history order by id limit 15)`,
    );
    await query(
      cast.t.database,
      `delete from call_status_history where id in (select id from call_status_history order by id desc limit 10)`,
    );
    await updateProfile(cast.t.database, cast.memberUser.id, { timezone: 'Asia/Kathmandu' });
    await expectRollupEqualsRaw();
    const live = calls.find((c) => listOf.has(c.id))!;
    await query(cast.t.database, `delete from calls where id = '${live.id}'`);
    calls.splice(calls.indexOf(live), 1);
    expect((await purgeDeletedCalls(cast.t.app.db, new Date('2099-01-01'))).length).toBeGreaterThan(0);
    await expectRollupEqualsRaw();
  });

  it("rebuilds the same tables from the history with the migration's backfill", async () => {
    const kept = await rollupTables();
    expect(kept.buckets.length).toBeGreaterThan(50);
    const folder = new URL('../../../../packages/db/migrations/', import.meta.url);
    const file = readdirSync(folder).find((name) => name.endsWith('_kpi_rollup.sql'))!;
    const migration = readFileSync(new URL(file, folder), 'utf8');
    const backfill = migration.slice(migration.lastIndexOf('DO $$'));
    await query(cast.t.database, 'truncate kpi_attempt_buckets, kpi_contact_days');
    await query(cast.t.database, backfill);
    expect(await rollupTables()).toEqual(kept);
  });
});
