import { createTestApp, type TestContext } from '../helpers/app.ts';
import { createUser, type TestUser } from '../helpers/factories.ts';
import { signedIn, type Agent } from '../helpers/client.ts';

/** The people of the team tests: an admin, team "Lyon" with a lead and a member, and someone outside it. */
export interface TeamCast {
  t: TestContext;
  admin: Agent;
  lead: Agent;
  member: Agent;
  outsider: Agent;
  leadUser: TestUser;
  memberUser: TestUser;
  teamId: string;
}

export async function createTeamCast(now: string): Promise<TeamCast> {
  const t = await createTestApp({ now });
  const admin = await signedIn(t.app, await createUser(t.database, { role: 'admin' }));
  const leadUser = await createUser(t.database, { name: 'Léa Lead' });
  const memberUser = await createUser(t.database, { name: 'Marc Member' });
  const outsider = await signedIn(t.app, await createUser(t.database, { name: 'Olga Outsider' }));
  const teamId = (await admin.post('/teams', { name: 'Lyon' })).json<{ id: string }>().id;
  await admin.post(`/teams/${teamId}/members`, { userId: leadUser.id, role: 'lead' });
  await admin.post(`/teams/${teamId}/members`, { userId: memberUser.id, role: 'member' });
  return {
    t,
    admin,
    lead: await signedIn(t.app, leadUser),
    member: await signedIn(t.app, memberUser),
    outsider,
    leadUser,
    memberUser,
    teamId,
  };
}
