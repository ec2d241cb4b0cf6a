import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiReport, TeamReport } from '@ct/contracts';
import { signedIn, type Agent } from '../helpers/client.ts';
import { createUser, type TestUser } from '../helpers/factories.ts';
import { insertAttempt, insertCall, insertReminder } from '../helpers/rows.ts';
import { query } from '../calls/fixtures.ts';
import { createTeamCast, type TeamCast } from '../lists/fixtures.ts';
import { NOW } from './fixture.ts';

/**
 * GET /reports/team over a hand-built week (Tuesday 31 March 2026, 12:00 in Paris; range 7d = 25–31
 * March). Every figure below is counted by hand from the rows made in beforeAll.
 */
let cast: TeamCast;
let l1: string;
let l2: string;
let soloTeamId: string;
let solo: TestUser;
let soloAgent: Agent;

const at = (iso: string) => new Date(iso);

async function onList(callId: string, listId: string) {
  await query(cast.t.database, `update calls set list_id = '${listId}' where id = '${callId}'`);
}

/** An attempt logged by `by` on a call (whoever owns it). */
const attemptBy = (callId: string, by: string) => ({ id: callId, userId: by });

async function report(agent: Agent, teamId: string, range = '7d'): Promise<TeamReport> {
  const res = await agent.get(`/reports/team?teamId=${teamId}&range=${encodeURIComponent(range)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<TeamReport>();
}

beforeAll(async () => {
  cast = await createTeamCast(NOW);
  const { t, lead, admin, leadUser, memberUser, teamId } = cast;
  const db = t.database;
  l1 = (await lead.post('/lists', { name: 'Printemps', teamId })).json<{ id: string }>().id;
  l2 = (await lead.post('/lists', { name: 'Hiver', teamId })).json<{ id: string }>().id;
  const otherTeam = (await admin.post('/teams', { name: 'Nantes' })).json<{ id: string }>().id;
  const otherList = (await admin.post('/lists', { name: 'Ailleurs', teamId: otherTeam })).json<{ id: string }>().id;

  // The member's own contacts on list 1 (one flagged, one deleted), the lead's on list 2.
  const m1 = await insertCall(db, memberUser.id, { firstName: 'Anne', phone: '06 23 45 87 91' });
  const m2 = await insertCall(db, memberUser.id, {
    firstName: 'Boris',
    phone: '06 39 98 12 34',
    flagged: 'fiction_range',
  });
  const gone = await insertCall(db, memberUser.id, { firstName: 'Gone', deletedAt: at('2026-03-30T12:00:00Z') });
  const fresh = await insertCall(db, leadUser.id, { firstName: 'Nina', lastName: 'Neuve', phone: '06 44 82 19 37' });
  const lc = await insertCall(db, leadUser.id, { firstName: 'Carla', phone: '07 81 22 40 16' });
  for (const c of [m1, m2, gone, fresh]) await onList(c.id, l1);
  await onList(lc.id, l2);
  // Not the team's: the lead's personal call, a call on another team's list.
  const personal = await insertCall(db, leadUser.id, { firstName: 'Perso' });
  const elsewhere = await insertCall(db, leadUser.id, { firstName: 'Ailleurs' });
  await onList(elsewhere.id, otherList);

  const member = memberUser.id;
  await insertAttempt(db, attemptBy(m1.id, member), 'no_answer', '2026-03-30T08:00:00Z');
  await insertAttempt(db, attemptBy(m1.id, member), 'reached', '2026-03-31T07:00:00Z');
  await insertAttempt(db, attemptBy(m1.id, member), 'to_call', '2026-03-31T07:01:00Z'); // not an attempt
  await insertAttempt(db, attemptBy(m1.id, member), 'reached', '2026-03-20T07:00:00Z'); // before the range
  await insertAttempt(db, attemptBy(m2.id, member), 'reached', '2026-03-30T09:00:00Z'); // flagged number
  await insertAttempt(db, attemptBy(gone.id, member), 'reached', '2026-03-29T09:00:00Z'); // deleted: nowhere
  await insertAttempt(db, attemptBy(lc.id, member), 'callback', '2026-03-30T10:00:00Z'); // the lead's contact
  await insertAttempt(db, attemptBy(lc.id, leadUser.id), 'no_answer', '2026-03-31T08:00:00Z');
  await insertAttempt(db, attemptBy(personal.id, leadUser.id), 'reached', '2026-03-30T08:00:00Z'); // personal
  await insertAttempt(db, attemptBy(elsewhere.id, leadUser.id), 'reached', '2026-03-30T08:00:00Z'); // other team

  const held = (callId: string, userId: string) => ({ id: callId, userId });
  await insertReminder(db, held(m1.id, member), '2026-03-30T12:00:00Z', {
    createdAt: '2026-03-30T08:00:00Z',
    done: true,
    doneAt: '2026-03-30T15:00:00Z',
  }); // done on its day
  await insertReminder(db, held(m2.id, member), '2026-03-30T13:00:00Z', {
    createdAt: '2026-03-30T09:00:00Z',
    done: true,
    doneAt: '2026-03-31T07:00:00Z',
  }); // done late, flagged number
  await insertReminder(db, held(lc.id, member), '2026-03-31T08:00:00Z', { createdAt: '2026-03-30T10:00:00Z' }); // overdue
  await insertReminder(db, held(lc.id, leadUser.id), '2026-03-31T12:00:00Z', { createdAt: '2026-03-31T08:00:00Z' }); // later today
  await insertReminder(db, held(personal.id, leadUser.id), '2026-03-30T09:00:00Z', {
    createdAt: '2026-03-30T08:00:00Z',
  }); // personal

  await lead.patch(`/lists/${l2}`, { archived: true });
  // The lead is on a contact of list 1 right now.
  const claimed = await lead.post(`/lists/${l1}/next`, {});
  expect(claimed.statusCode, claimed.body).toBe(200);

  // A second team whose only caller works their own contacts on its list: their row must equal their /reports/kpi.
  solo = await createUser(db, { name: 'Sam Solo' });
  soloAgent = await signedIn(t.app, solo);
  soloTeamId = (await admin.post('/teams', { name: 'Solo' })).json<{ id: string }>().id;
  await admin.post(`/teams/${soloTeamId}/members`, { userId: solo.id, role: 'member' });
  const soloList = (await admin.post('/lists', { name: 'Solo', teamId: soloTeamId })).json<{ id: string }>().id;
  const s1 = await insertCall(db, solo.id, { phone: '06 12 34 56 78' });
  const s2 = await insertCall(db, solo.id, { phone: '06 98 76 54 32', flagged: 'repeated_digits' });
  for (const c of [s1, s2]) await onList(c.id, soloList);
  await insertAttempt(db, s1, 'no_answer', '2026-03-26T08:00:00Z');
  await insertAttempt(db, s1, 'done', '2026-03-29T22:30:00Z');
  await insertAttempt(db, s2, 'reached', '2026-03-27T08:00:00Z');
  await insertAttempt(db, s2, 'wrong_number', '2026-03-28T08:00:00Z');
  await insertReminder(db, s1, '2026-03-27T08:00:00Z', {
    createdAt: '2026-03-26T08:00:00Z',
    done: true,
    doneAt: '2026-03-27T09:00:00Z',
  });
  await insertReminder(db, s1, '2026-03-28T08:00:00Z', { createdAt: '2026-03-26T08:00:00Z' });
  await insertReminder(db, s2, '2026-03-29T08:00:00Z', {
    createdAt: '2026-03-27T08:00:00Z',
    done: true,
    doneAt: '2026-03-30T08:00:00Z',
  });
});
afterAll(() => cast.t.close());

describe('GET /reports/team', () => {
  it("counts each member's attempts and callbacks on the team's lists only, with the KPI definitions", async () => {
    const r = await report(cast.lead, cast.teamId);
    expect(r.range).toEqual({ from: '2026-03-25', to: '2026-03-31' });
    const byName = Object.fromEntries(r.members.map((m) => [m.name, m]));
    expect(r.members.map((m) => m.name)).toEqual(['Léa Lead', 'Marc Member']);
    expect(byName['Marc Member']).toEqual({
      userId: cast.memberUser.id,
      name: 'Marc Member',
      attempts: 4, // Anne ×2, Boris, Carla (the lead's contact); not to_call, not the deleted call, not before the range
      answered: 3, // Anne reached, Boris reached, Carla callback
      answerRate: 0.6667, // 2 answered of 3 attempts on numbers not flagged (Boris is)
      callbacksDone: 2, // Anne's and Boris's, both due and done
      callbacksOnTime: 1, // Anne's only: Boris's was done the next day
      callbacksOnTimeRate: 0.5, // of the due ones on numbers not flagged (Anne's, Carla's), Anne's
      overdueCallbacks: 1, // Carla's, due at 10:00 Paris
      talkSeconds: 0,
    });
    // Every attempt and callback of the member is on the team's lists: their own report says the same.
    const own = (await cast.member.get('/reports/kpi?range=7d')).json<KpiReport>().totals;
    expect(own).toMatchObject({ callsMade: 4, answerRate: 0.6667, callbacksOnTimeRate: 0.5, overdueCallbacks: 1 });
    expect(byName['Léa Lead']).toEqual({
      userId: cast.leadUser.id,
      name: 'Léa Lead',
      attempts: 1, // Carla; not her personal call, not the other team's
      answered: 0,
      answerRate: 0,
      callbacksDone: 0,
      callbacksOnTime: 0,
      callbacksOnTimeRate: null, // her callback on the list is later today; the personal one does not count
      overdueCallbacks: 0,
      talkSeconds: 0,
    });
    expect(r.totals).toEqual({
      attempts: 5,
      answered: 3,
      answerRate: 0.5, // 2 of the 4 attempts on numbers not flagged
      callbacksDone: 2,
      callbacksOnTime: 1,
      callbacksOnTimeRate: 0.5,
      overdueCallbacks: 1,
      talkSeconds: 0,
    });
    expect(r.leaderboard).toEqual([
      { userId: cast.memberUser.id, name: 'Marc Member', attempts: 4, answered: 3 },
      { userId: cast.leadUser.id, name: 'Léa Lead', attempts: 1, answered: 0 },
    ]);
  });

  it("gives the same figures as the caller's own /reports/kpi when they call only their contacts on a list", async () => {
    for (const range of ['7d', '2026-03-20..2026-03-31', '90d']) {
      const team = await report(cast.admin, soloTeamId, range);
      const kpi = (await soloAgent.get(`/reports/kpi?range=${range}`)).json<KpiReport>();
      const [row] = team.members;
      expect(row).toMatchObject({
        attempts: kpi.totals.callsMade,
        answerRate: kpi.totals.answerRate,
        callbacksOnTimeRate: kpi.totals.callbacksOnTimeRate,
        overdueCallbacks: kpi.totals.overdueCallbacks,
      });
      expect(row!.answered).toBe(kpi.series.reduce((sum, p) => sum + p.reached, 0));
      const { userId: _userId, name: _name, ...figures } = row!;
      expect(team.totals).toEqual(figures);
    }
    const week = await report(cast.admin, soloTeamId, '7d');
    expect(week.members[0]).toMatchObject({
      attempts: 4,
      answered: 2,
      answerRate: 0.5,
      callbacksDone: 2,
      callbacksOnTime: 1,
    });
  });

  it('lists every list of the team (archived too) with its progress, as GET /lists/:id has it', async () => {
    const r = await report(cast.lead, cast.teamId);
    expect(r.lists.map((l) => [l.name, l.archived])).toEqual([
      ['Hiver', true],
      ['Printemps', false],
    ]);
    for (const list of r.lists) {
      const { progress } = (await cast.lead.get(`/lists/${list.listId}`)).json<{
        progress: { total: number; remaining: number; done: number; byOutcome: Record<string, number> };
      }>();
      expect(list).toMatchObject({
        total: progress.total,
        remaining: progress.remaining,
        done: progress.done,
        byOutcome: progress.byOutcome,
      });
    }
    expect(r.lists.find((l) => l.name === 'Printemps')?.total).toBe(3); // the deleted call is not counted
  });

  it('shows who is on which contact now', async () => {
    const r = await report(cast.admin, cast.teamId);
    expect(r.live).toHaveLength(1);
    expect(r.live[0]).toMatchObject({ userId: cast.leadUser.id, name: 'Léa Lead', listId: l1 });
    expect(new Date(r.live[0]!.expiresAt).getTime()).toBeGreaterThan(new Date(NOW).getTime());
    expect((await report(cast.admin, soloTeamId)).live).toEqual([]);
  });

  it('answers a lead and an admin; 403 for a plain member, 404 for anyone else or an unknown team', async () => {
    expect((await cast.member.get(`/reports/team?teamId=${cast.teamId}`)).statusCode).toBe(403);
    expect((await soloAgent.get(`/reports/team?teamId=${soloTeamId}`)).statusCode).toBe(403);
    for (const res of [
      await cast.outsider.get(`/reports/team?teamId=${cast.teamId}`),
      await cast.lead.get(`/reports/team?teamId=${soloTeamId}`),
      await cast.admin.get('/reports/team?teamId=00000000-0000-4000-8000-000000000000'),
    ]) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('refuses a bad range or team id with a problem naming the field', async () => {
    for (const [url, field] of [
      [`/reports/team?teamId=${cast.teamId}&range=2026-03-31..2026-03-01`, 'range'],
      [`/reports/team?teamId=${cast.teamId}&range=8d`, 'range'],
      ['/reports/team?teamId=nope', 'teamId'],
      ['/reports/team', 'teamId'],
    ] as const) {
      const res = await cast.lead.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(JSON.stringify(res.json())).toContain(field);
    }
  });
});
