import { expect } from 'vitest';
import type { TestContext } from '../helpers/app.ts';
import { type Agent, signedIn } from '../helpers/client.ts';
import { createUser, type TestUser } from '../helpers/factories.ts';
import { multipart } from '../imports/helpers.ts';

/**
 * The cast of the security suites: A owns a call (with history), a reminder, a notification and an
 * import, and leads team "Équipe A"; MEMBER is a plain member of that team and MANAGER (account role
 * `manager`) another of its leads; B is another user, in no team, with data of their own; ADMIN is an
 * administrator. Everything is made through the API (the notification through the service, as the
 * event subscribers do).
 */
export interface Cast {
  a: TestUser;
  b: TestUser;
  admin: TestUser;
  member: TestUser;
  manager: TestUser;
  agents: { a: Agent; b: Agent; admin: Agent; member: Agent; manager: Agent };
  /** A's resources. */
  ids: { call: string; reminder: string; notification: number; import: string; team: string; list: string };
}

/** The time the security suites run at: a Monday morning in Paris. */
export const CAST_NOW = '2026-03-02T10:00:00Z';

export async function createCast(t: TestContext): Promise<Cast> {
  const a = await createUser(t.database, { name: 'Alice Owner' });
  const b = await createUser(t.database, { name: 'Bob Other' });
  const admin = await createUser(t.database, { role: 'admin', name: 'Ada Admin' });
  const member = await createUser(t.database, { name: 'Max Member' });
  const manager = await createUser(t.database, { role: 'manager', name: 'Mona Manager' });
  const agents = {
    a: await signedIn(t.app, a),
    b: await signedIn(t.app, b),
    admin: await signedIn(t.app, admin),
    member: await signedIn(t.app, member),
    manager: await signedIn(t.app, manager),
  };

  const call = await expectCreated(
    agents.a.post('/calls', {
      firstName: 'Hélène',
      lastName: 'Secret',
      phone: '06 12 34 56 78',
      description: 'private',
    }),
  );
  await expectCreated(agents.a.post(`/calls/${call.id}/log`, { status: 'no_answer', note: 'private note' }));
  const reminder = await expectCreated(
    agents.a.post('/reminders', { callId: call.id, scheduledAt: '2026-03-03T09:00:00Z', note: 'private reminder' }),
  );
  const notification = await t.app.notifications.notify(a.id, {
    text: { kind: 'call_logged', contactName: 'Hélène Secret', phone: '06 12 34 56 78', status: 'reached' },
    dedupeKey: `security:${a.id}`,
    link: null,
  });
  if (!notification) throw new Error('notification not written');
  const imported = await uploadCsv(agents.a, csvOf(['06 40 00 00 01', 'not a phone']), 'a-contacts.csv');
  expect(imported.statusCode, imported.body).toBe(201);

  // B has data too, so that B's lists are not trivially empty.
  await expectCreated(agents.b.post('/calls', { firstName: 'Bob', lastName: 'Contact', phone: '06 98 76 54 32' }));

  // A leads a team (as a plain user: leads edit lists, only managers and admins manage members); B is not in it.
  const team = await expectCreated(agents.admin.post('/teams', { name: 'Équipe A' }));
  const joined = await agents.admin.post(`/teams/${team.id}/members`, { userId: a.id, role: 'lead' });
  expect(joined.statusCode, joined.body).toBe(200);
  for (const [user, role] of [
    [member, 'member'],
    [manager, 'lead'],
  ] as const) {
    const added = await agents.admin.post(`/teams/${team.id}/members`, { userId: user.id, role });
    expect(added.statusCode, added.body).toBe(200);
  }
  const list = await expectCreated(agents.a.post('/lists', { name: 'Liste A', teamId: team.id }));

  return {
    a,
    b,
    admin,
    member,
    manager,
    agents,
    ids: {
      team: team.id,
      list: list.id,
      call: call.id,
      reminder: reminder.id,
      notification: notification.id,
      import: (imported.json() as { id: string }).id,
    },
  };
}

async function expectCreated(
  pending: Promise<{ statusCode: number; body: string; json(): unknown }>,
): Promise<{ id: string }> {
  const res = await pending;
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

/** A small CSV: one row per phone (names derived from the phone, so files differ). */
export function csvOf(phones: string[]): Buffer {
  const lines = ['Prénom;Nom;Téléphone', ...phones.map((p, i) => `Contact${i};${p.replace(/\W/g, '')};${p}`)];
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

export function uploadCsv(agent: Agent, file: Buffer, filename = 'calls.csv') {
  const body = multipart(file, filename);
  return agent.request({ method: 'POST', url: '/calls/import', payload: body.payload, headers: body.headers });
}
