import type { EventBus } from '../../lib/events.ts';

/**
 * Tells the rest of the app (live streams of those sessions close) that these sessions of `userId`
 * were revoked; call it once the transaction that revoked them has committed.
 */
export async function announceRevokedSessions(events: EventBus, userId: string, revoked: { id: string }[]) {
  for (const row of revoked) await events.emit('session.revoked', { userId, sessionId: row.id });
}
