import type { FastifyInstance } from 'fastify';
import { countListCalls, hasCallableCalls } from '../calls/index.ts';
import { findList } from '../lists/index.ts';
import { listMembers } from '../teams/index.ts';
import { findAttemptList, findCallPhone } from './notifications.repository.ts';
import type { NotificationsService } from './notifications.service.ts';
import { PRESENCE_CHANNEL, SESSIONS_CHANNEL, type NotificationStreams } from './notifications.stream.ts';

/** Where a notification about a call takes the user. */
export const callLink = (callId: string) => `/calls?open=${callId}`;

/** The dedupe key of "this number looks fake": one notification per number and user, whoever finds it. */
export const wrongNumberKey = (phoneE164: string | null, callId: string) =>
  `wrong_number:${phoneE164 ?? `call:${callId}`}`;

/** `list_finished:<list>:<calls on it>`: one notification per lead each time the list runs out. */
export const listFinishedKey = (listId: string, total: number) => `list_finished:${listId}:${total}`;

/**
 * Domain events → notifications and stream control. Subscribers run after the emitting transaction
 * has committed; a failure is logged by the event bus and never fails the request that emitted.
 */
export function registerNotificationSubscribers(
  app: FastifyInstance,
  service: NotificationsService,
  streams: NotificationStreams,
) {
  app.events.on('call.logged', async (e) => {
    await service.notify(e.userId, {
      text: { kind: 'call_logged', contactName: e.contactName, phone: e.phone, status: e.status },
      dedupeKey: `call_logged:${e.historyId}`,
      link: callLink(e.callId),
      meta: { callId: e.callId, historyId: e.historyId, status: e.status, reminderId: e.reminderId },
    });
  });

  // The attempt that leaves a team list with nothing to call tells the team's leads (not the lead who
  // logged it: one's own actions are not notifications).
  app.events.on('call.logged', async (e) => {
    const attempt = await findAttemptList(app.db, e.historyId);
    if (!attempt?.listId) return;
    const list = await findList(app.db, attempt.listId);
    if (!list) return;
    if (await hasCallableCalls(app.db, list.id, list.maxAttempts)) return;
    const counts = (await countListCalls(app.db, [{ id: list.id, maxAttempts: list.maxAttempts }])).get(list.id);
    if (!counts || counts.total === 0 || counts.remaining > 0) return;
    const leads = (await listMembers(app.db, [list.teamId])).filter(
      (m) => m.role === 'lead' && m.userId !== attempt.loggedBy,
    );
    for (const lead of leads)
      await service.notify(lead.userId, {
        text: { kind: 'list_finished', listName: list.name, teamName: list.teamName },
        // Once per finish: two attempts racing to the last contact write one row; calls added later
        // make a new total, and finishing again is news again.
        dedupeKey: listFinishedKey(list.id, counts.total),
        link: `/lists/${list.id}`,
        meta: { listId: list.id, teamId: list.teamId, total: counts.total, historyId: e.historyId },
      });
  });

  app.events.on('call.wrong_number', async (e) => {
    const phoneE164 = await findCallPhone(app.db, e.userId, e.callId);
    await service.notify(e.userId, {
      text: { kind: 'wrong_number', contactName: e.contactName, phone: e.phone, reason: e.reason },
      dedupeKey: wrongNumberKey(phoneE164 ?? null, e.callId),
      link: callLink(e.callId),
      meta: { callId: e.callId, phoneE164: phoneE164 ?? null, reason: e.reason },
    });
  });

  // Who is on which contact: every instance forwards it to its streams of the team's members (the
  // NOTIFY comes back to this instance too, so it is sent from one place).
  app.events.on('list.presence', async (e) => {
    await app.database.notify(PRESENCE_CHANNEL, JSON.stringify({ listId: e.listId, teamId: e.teamId }));
  });

  // A revoked session's streams close here at once, and on every other instance through NOTIFY.
  app.events.on('session.revoked', async (e) => {
    streams.closeSession(e.userId, e.sessionId);
    await app.database.notify(SESSIONS_CHANNEL, JSON.stringify({ userId: e.userId, sessionId: e.sessionId }));
  });
}
