import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../helpers/factories.ts';
import { signedIn, type Agent } from '../helpers/client.ts';
import { insertCall, insertReminder, notificationsOf, updateProfile, updateSettings } from '../helpers/rows.ts';
import { createCall, logAttempt, query } from '../calls/fixtures.ts';
import { JobRunner } from '../../src/jobs/runner.ts';
import { teamOverdueJob } from '../../src/jobs/team-overdue.job.ts';
import { createTeamCast, type TeamCast } from './fixtures.ts';

/**
 * The notifications of a team's leads: a list that runs out of contacts (list_finished), and each
 * morning the members' overdue callbacks on the team's lists (team_overdue_callbacks). Tuesday 24
 * March 2026 in Paris (UTC+1): work starts at 08:00Z.
 */
let cast: TeamCast;
let coLead: TestUser;
let coLeadAgent: Agent;
let listId: string;

const at = (d: number, hm: string) => new Date(`2026-03-${String(d).padStart(2, '0')}T${hm}:00Z`);
const ofKind = async (userId: string, kind: string) =>
  (await notificationsOf(cast.t.database, userId)).filter((n) => n.type === kind);

beforeAll(async () => {
  cast = await createTeamCast('2026-03-24T07:00:00Z');
  coLead = await createUser(cast.t.database, { name: 'Camille Co-lead' });
  coLeadAgent = await signedIn(cast.t.app, coLead);
  await cast.admin.post(`/teams/${cast.teamId}/members`, { userId: coLead.id, role: 'lead' });
  listId = (await cast.lead.post('/lists', { name: 'Relance', teamId: cast.teamId })).json<{ id: string }>().id;
});
afterAll(() => cast.t.close());

async function callOnList(lastName: string, phone: string) {
  const call = await createCall(cast.lead, { lastName, phone });
  const res = await cast.lead.post(`/lists/${listId}/calls`, { callIds: [call.id] });
  expect(res.statusCode, res.body).toBe(200);
  return call;
}

describe('list_finished', () => {
  it('tells the other leads once, when the last callable contact is done — not the lead who logged it', async () => {
    const a = await callOnList('Arnaud', '06 23 45 87 01');
    const b = await callOnList('Bernard', '06 23 45 87 02');
    await logAttempt(cast.lead, a.id, { status: 'reached' });
    expect(await ofKind(coLead.id, 'list_finished')).toEqual([]); // Bernard is still to call
    const last = await logAttempt(cast.lead, b.id, { status: 'not_interested' });

    const [finished, ...more] = await ofKind(coLead.id, 'list_finished');
    expect(more).toEqual([]);
    expect(finished).toMatchObject({
      title: 'Liste terminée : Relance',
      body: 'Plus aucun contact à appeler sur la liste « Relance » (Lyon).',
      link: `/lists/${listId}`,
      meta: { listId, teamId: cast.teamId, total: 2 },
    });
    expect(await ofKind(cast.leadUser.id, 'list_finished')).toEqual([]); // their own action
    expect(await ofKind(cast.memberUser.id, 'list_finished')).toEqual([]); // not a lead

    // The same attempt's event twice at once (two instances, a retry): still one notification.
    const event = {
      userId: cast.leadUser.id,
      callId: b.id,
      historyId: last.entry.id,
      status: 'not_interested' as const,
      contactName: 'Hélène Bernard',
      phone: '06 23 45 87 02',
      occurredAt: new Date(),
      reminderId: null,
    };
    await Promise.all([cast.t.app.events.emit('call.logged', event), cast.t.app.events.emit('call.logged', event)]);
    expect(await ofKind(coLead.id, 'list_finished')).toHaveLength(1);
  });

  it('says it again when the list, given new contacts, runs out again (a member logging the last: every lead); never when a lead turned it off', async () => {
    const c = await callOnList('Clément', '06 23 45 87 03');
    // A member logs the last one this time: every lead hears it.
    await logAttempt(cast.member, c.id, { status: 'done' });
    expect((await ofKind(coLead.id, 'list_finished')).map((n) => n.meta.total)).toEqual([2, 3]);
    expect((await ofKind(cast.leadUser.id, 'list_finished')).map((n) => n.meta.total)).toEqual([3]);
    expect(await ofKind(cast.memberUser.id, 'list_finished')).toEqual([]);

    const off = await coLeadAgent.patch('/me/settings', { notifTeam: false });
    expect(off.statusCode, off.body).toBe(200);
    const d = await callOnList('Dubois', '06 23 45 87 04');
    await logAttempt(cast.lead, d.id, { status: 'reached' });
    expect(await ofKind(coLead.id, 'list_finished')).toHaveLength(2);
    await coLeadAgent.patch('/me/settings', { notifTeam: true });
  });

  it('an attempt on a personal call or on a list with contacts left tells nobody', async () => {
    const personal = await createCall(cast.lead, { lastName: 'Perso', phone: '06 23 45 87 09' });
    await logAttempt(cast.lead, personal.id, { status: 'reached' });
    const e = await callOnList('Ernst', '06 23 45 87 05');
    await callOnList('Faure', '06 23 45 87 06');
    await logAttempt(cast.lead, e.id, { status: 'reached' });
    expect(await ofKind(coLead.id, 'list_finished')).toHaveLength(2);
  });
});

describe('team_overdue_callbacks', () => {
  let runner: JobRunner;
  beforeAll(async () => {
    runner = new JobRunner(cast.t.app, [teamOverdueJob]);
    const db = cast.t.database;
    const member = cast.memberUser.id;
    const lead = cast.leadUser.id;
    const onList = async (owner: string, phone: string, extra: { deletedAt?: Date } = {}) => {
      const call = await insertCall(db, owner, { phone, ...extra });
      await query(db, `update calls set list_id = '${listId}' where id = '${call.id}'`);
      return call;
    };
    const m1 = await onList(member, '06 30 00 00 01');
    const m2 = await onList(member, '06 30 00 00 02');
    const l1 = await onList(lead, '06 30 00 00 03');
    const gone = await onList(member, '06 30 00 00 04', { deletedAt: at(20, '10:00') });
    const personal = await insertCall(db, member, { phone: '06 30 00 00 05' });
    await insertReminder(db, m1, at(23, '09:00')); // overdue
    await insertReminder(db, m2, at(24, '07:30')); // overdue (07:30Z is before 08:00Z)
    await insertReminder(db, { id: l1.id, userId: member }, at(22, '09:00')); // the member's, on the lead's contact
    await insertReminder(db, l1, at(23, '15:00')); // the lead's own
    await insertReminder(db, m1, at(24, '13:00')); // later today: not overdue
    await insertReminder(db, m2, at(23, '10:00'), { done: true, doneAt: at(23, '10:05') }); // done
    await insertReminder(db, gone, at(23, '09:00')); // deleted call
    await insertReminder(db, personal, at(23, '09:00')); // personal call
  });

  it("at each lead's start of work: every member's overdue callbacks on the team's lists, once a day", async () => {
    await runner.tick(at(24, '07:59'));
    expect(await ofKind(cast.leadUser.id, 'team_overdue_callbacks')).toEqual([]);
    await runner.tick(at(24, '08:00'));
    await runner.tick(at(24, '08:01'));
    const [digest, ...more] = await ofKind(cast.leadUser.id, 'team_overdue_callbacks');
    expect(more).toEqual([]);
    expect(digest).toMatchObject({
      title: '4 rappels en retard dans votre équipe',
      body: 'Marc Member : 3 · Léa Lead : 1',
      link: '/team',
      meta: { date: '2026-03-24', total: 4 },
    });
    expect(await ofKind(coLead.id, 'team_overdue_callbacks')).toHaveLength(1);
    expect(await ofKind(cast.memberUser.id, 'team_overdue_callbacks')).toEqual([]); // not a lead
  });

  it("in the lead's language; nothing for a lead who turned it off, nor when nobody is late", async () => {
    await updateProfile(cast.t.database, cast.leadUser.id, { language: 'en' });
    await updateSettings(cast.t.database, coLead.id, { notifTeam: false });
    await runner.tick(at(25, '08:00'));
    const [, english] = await ofKind(cast.leadUser.id, 'team_overdue_callbacks');
    expect(english).toMatchObject({
      title: '5 overdue callbacks in your team', // yesterday's 13:00 one is late now
      body: 'Marc Member: 4 · Léa Lead: 1',
    });
    expect(await ofKind(coLead.id, 'team_overdue_callbacks')).toHaveLength(1);

    await query(cast.t.database, 'update reminders set done = true, done_at = now()');
    await runner.tick(at(26, '08:00'));
    expect(await ofKind(cast.leadUser.id, 'team_overdue_callbacks')).toHaveLength(2);
  });
});
