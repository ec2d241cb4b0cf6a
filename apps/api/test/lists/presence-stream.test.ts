import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenOnLoopback } from '../helpers/app.ts';
import { openSse } from '../helpers/sse.ts';
import type { Agent } from '../helpers/client.ts';
import { createTeamCast, type TeamCast } from './fixtures.ts';

/** The live presence of a team's lists on GET /me/notifications/stream, over real HTTP. */
let cast: TeamCast;
let base: string;
let listId: string;

beforeAll(async () => {
  cast = await createTeamCast('2026-03-24T10:00:00Z');
  base = await listenOnLoopback(cast.t.app);
  listId = (await cast.lead.post('/lists', { name: 'Présence', teamId: cast.teamId })).json<{ id: string }>().id;
});
afterAll(() => cast.t.close());

const open = (agent: Agent) => openSse(`${base}/me/notifications/stream`, { cookies: agent.cookies });

describe('list.presence on the live stream', () => {
  it("reaches every connected member of the team, as an event without an id; nobody else's stream", async () => {
    const [member, lead, outsider] = await Promise.all([open(cast.member), open(cast.lead), open(cast.outsider)]);
    await cast.t.app.notificationStreams.settled();

    await cast.t.app.events.emit('list.presence', { listId, teamId: cast.teamId });
    for (const stream of [member, lead]) {
      const [event] = await stream.take(1);
      expect(event).toEqual({
        id: undefined,
        event: 'list.presence',
        data: JSON.stringify({ listId, teamId: cast.teamId }),
      });
    }
    // A notification of the outsider's own arrives alone: the presence event never reached them.
    await cast.t.app.notifications.notify(cast.outsider.user!.id, {
      text: { kind: 'call_logged', contactName: 'Zoé', phone: '06 23 45 87 91', status: 'reached' },
      dedupeKey: 'presence-test',
      link: null,
    });
    const [own] = await outsider.take(1);
    expect(own?.event).toBe('notification');
    expect(outsider.events.map((e) => e.event)).toEqual(['notification']);
    for (const s of [member, lead, outsider]) s.close();
  });

  it('leaves the notification cursor alone: a notification after a presence event keeps its own id', async () => {
    const stream = await open(cast.member);
    await cast.t.app.notificationStreams.settled();
    await cast.t.app.events.emit('list.presence', { listId, teamId: cast.teamId });
    const row = await cast.t.app.notifications.notify(cast.memberUser.id, {
      text: { kind: 'call_logged', contactName: 'Yves', phone: '06 23 45 87 91', status: 'reached' },
      dedupeKey: 'presence-cursor',
      link: null,
    });
    // Two channels, two events: their order on the stream is not a promise, their ids are.
    const events = await stream.take(2);
    expect(events.map((e) => [e.event, e.id]).sort()).toEqual([
      ['list.presence', undefined],
      ['notification', String(row!.id)],
    ]);
    stream.close();
  });

  it('a member removed from the team stops hearing its lists', async () => {
    const [stream, lead] = await Promise.all([open(cast.member), open(cast.lead)]);
    await cast.t.app.notificationStreams.settled();
    const removed = await cast.admin.delete(`/teams/${cast.teamId}/members/${cast.memberUser.id}`);
    expect(removed.statusCode, removed.body).toBe(204);
    await cast.t.app.events.emit('list.presence', { listId, teamId: cast.teamId });
    // The lead hears it: the broadcast ran, and it found the member no longer in the team.
    const heard = await lead.take(1);
    expect(heard.map((e) => e.event)).toEqual(['list.presence']);
    await cast.t.app.notificationStreams.settled();
    expect(stream.events.filter((e) => e.event === 'list.presence')).toEqual([]);
    for (const s of [stream, lead]) s.close();
  });
});
