import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { NOTIFICATION_EVENT } from '@ct/contracts';
import { findActiveSession } from '../auth/index.ts';
import { mapNotification } from './notifications.mapper.ts';
import { lastNotificationId, listPushedAfter, NOTIFICATIONS_CHANNEL } from './notifications.repository.ts';

/** Sessions revoked on any instance, so every instance closes that session's streams at once. */
export const SESSIONS_CHANNEL = 'session_revoked';
/** Live presence changes of a team's lists, so every instance tells its own streams of the team's members. */
export const PRESENCE_CHANNEL = 'list_presence';
/** The SSE event of a presence change (no id: it is not a notification and moves no Last-Event-ID). */
export const PRESENCE_EVENT = 'list.presence';
export const HEARTBEAT_MS = 25_000;
const BATCH = 200;
/** A client this far behind (bytes buffered) is too slow: its stream is closed and it will resume. */
const MAX_BUFFERED = 1024 * 1024;
/** Streams per user; the oldest is closed beyond this (a user rarely has more tabs open). */
export const MAX_STREAMS_PER_USER = 10;

interface Stream {
  userId: string;
  sessionId: string;
  res: ServerResponse;
  /** Highest id written: what a push or a heartbeat resumes after. */
  cursor: number;
  closed: boolean;
}

/** A user's streams on this instance. */
interface UserStreams {
  streams: Set<Stream>;
  /**
   * Reads and writes are serialised per user, so each stream gets its events in id order, and one
   * read serves all the user's streams (a user with ten tabs costs one query per notification, not ten).
   */
  queue: Promise<void>;
}

/**
 * The live notification streams held by this instance (Server-Sent Events, WHATWG HTML §9.2).
 *
 * Notifications are written to the database first (the outbox); `pg_notify` on commit tells every
 * instance "user U has notification N", and each instance sends the user's notifications after the
 * stream's cursor to that user's local streams. The same read serves Last-Event-ID replays and the
 * catch-up on each heartbeat, so a lost NOTIFY (listener reconnecting) delays an event, never loses it.
 * See docs/decisions/0021-sse-over-listen-notify.md.
 */
export class NotificationStreams {
  private readonly byUser = new Map<string, UserStreams>();
  private timer: NodeJS.Timeout | undefined;
  private unlisten: (() => Promise<void>)[] = [];

  constructor(
    private readonly app: FastifyInstance,
    /** The members of a team (who hears its lists' presence). */
    private readonly membersOf: (teamId: string) => Promise<string[]>,
  ) {}

  async start(): Promise<void> {
    const { database, log } = this.app;
    this.unlisten.push(
      await database.listen(NOTIFICATIONS_CHANNEL, (payload) => {
        const message = parseMessage(payload);
        if (message) this.wake(message.userId);
      }),
      await database.listen(SESSIONS_CHANNEL, (payload) => {
        const message = parseMessage(payload);
        if (message) this.closeSession(message.userId, message.sessionId ?? null);
      }),
      await database.listen(PRESENCE_CHANNEL, (payload) => {
        const presence = parsePresence(payload);
        if (presence)
          this.sendPresence(presence).catch((err: unknown) => log.warn({ err }, 'presence broadcast failed'));
      }),
    );
    this.timer = setInterval(() => {
      this.heartbeat().catch((err: unknown) => log.warn({ err }, 'stream heartbeat failed'));
    }, HEARTBEAT_MS);
    this.timer.unref();
  }

  /** Number of open streams (all users, or one). */
  count(userId?: string): number {
    if (userId) return this.byUser.get(userId)?.streams.size ?? 0;
    let n = 0;
    for (const user of this.byUser.values()) n += user.streams.size;
    return n;
  }

  /**
   * Takes over a hijacked response: SSE headers, then the notifications after `lastEventId` (ids are
   * only compared within the user's own notifications, so a foreign or made-up id reveals nothing).
   */
  open(
    auth: { userId: string; sessionId: string },
    req: IncomingMessage,
    res: ServerResponse,
    lastEventId: number | null,
    requestId: string,
  ) {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      // no-transform: compressing proxies (Next's rewrite gzips by default) would otherwise buffer events.
      'cache-control': 'no-store, no-transform',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-request-id': requestId,
      connection: 'keep-alive',
      // Reverse proxies (nginx) must not buffer the stream.
      'x-accel-buffering': 'no',
    });
    res.write('retry: 5000\n\n');
    const stream: Stream = { userId: auth.userId, sessionId: auth.sessionId, res, cursor: 0, closed: false };
    let user = this.byUser.get(auth.userId);
    if (!user) this.byUser.set(auth.userId, (user = { streams: new Set(), queue: Promise.resolve() }));
    user.streams.add(stream);
    if (user.streams.size > MAX_STREAMS_PER_USER) {
      const oldest = user.streams.values().next().value;
      if (oldest) this.close(oldest);
    }
    // The response closes when the client goes away (or we end it); the request's own 'close' is not a
    // reliable disconnect signal for a long-lived GET.
    res.on('close', () => this.close(stream, false));
    res.on('error', () => this.close(stream, false));
    req.socket.setKeepAlive(true);
    this.enqueue(user, async () => {
      stream.cursor = lastEventId ?? (await lastNotificationId(this.app.db, auth.userId));
      await this.catchUp(auth.userId, [stream]);
    });
  }

  /** A notification for this user was committed somewhere: send what its streams have not seen. */
  wake(userId: string) {
    const user = this.byUser.get(userId);
    if (user) this.enqueue(user, () => this.catchUp(userId, [...user.streams]));
  }

  /**
   * `event: list.presence` to the streams of the team's members held here. Only teams with someone
   * connected cost a query: most presence changes find no member of the team on this instance.
   */
  async sendPresence(presence: { listId: string; teamId: string }): Promise<void> {
    if (this.byUser.size === 0) return;
    const event = `event: ${PRESENCE_EVENT}\ndata: ${JSON.stringify({ listId: presence.listId, teamId: presence.teamId })}\n\n`;
    for (const userId of await this.membersOf(presence.teamId)) {
      const user = this.byUser.get(userId);
      if (!user) continue;
      this.enqueue(user, async () => {
        for (const stream of user.streams) this.write(stream, event);
      });
    }
  }

  /** `: ping` on every stream; re-checks each session (revoked on another instance, expired) and catches up. */
  async heartbeat(): Promise<void> {
    const now = this.app.clock.now();
    const sessions = new Map<string, Stream[]>();
    for (const user of this.byUser.values())
      for (const s of user.streams) sessions.set(s.sessionId, [...(sessions.get(s.sessionId) ?? []), s]);
    for (const [sessionId, streams] of sessions) {
      const live = await findActiveSession(this.app.db, sessionId, now);
      for (const stream of streams) {
        if (!live || live.userId !== stream.userId) this.close(stream);
        else this.write(stream, ': ping\n\n');
      }
    }
    for (const userId of this.byUser.keys()) this.wake(userId);
    await this.settled();
  }

  /** Closes the streams of a revoked session (or of every session of the user when null). */
  closeSession(userId: string, sessionId: string | null) {
    for (const stream of [...(this.byUser.get(userId)?.streams ?? [])]) {
      if (sessionId === null || stream.sessionId === sessionId) this.close(stream);
    }
  }

  /** Resolves once every stream has written what it was sending. */
  async settled(): Promise<void> {
    await Promise.all([...this.byUser.values()].map((user) => user.queue));
  }

  /** Ends every stream (app shutdown: an open stream would hold the server open). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const user of [...this.byUser.values()]) for (const stream of [...user.streams]) this.close(stream);
    // One after the other: the channels share one listening connection, which runs one query at a time.
    for (const unlisten of this.unlisten.splice(0)) await unlisten().catch(() => {});
  }

  /**
   * Sends `streams` (all of one user) the user's pushed notifications after their cursors: one read
   * from the lowest cursor, each event encoded once, written to every stream that has not seen it.
   */
  private async catchUp(userId: string, streams: Stream[]) {
    for (;;) {
      const open = streams.filter((s) => !s.closed);
      if (open.length === 0) return;
      const after = Math.min(...open.map((s) => s.cursor));
      const rows = await listPushedAfter(this.app.db, userId, after, BATCH);
      for (const row of rows) {
        const event = `id: ${row.id}\nevent: ${NOTIFICATION_EVENT}\ndata: ${JSON.stringify(mapNotification(row))}\n\n`;
        for (const stream of open) {
          if (stream.closed || row.id <= stream.cursor) continue;
          this.write(stream, event);
          stream.cursor = row.id;
        }
      }
      if (rows.length < BATCH) return;
    }
  }

  private enqueue(user: UserStreams, task: () => Promise<void>) {
    user.queue = user.queue
      .then(() => (user.streams.size === 0 ? undefined : task()))
      .catch((err: unknown) => this.app.log.warn({ err }, 'notification stream write failed'));
  }

  private write(stream: Stream, chunk: string) {
    if (stream.closed) return;
    if (stream.res.writableLength > MAX_BUFFERED) {
      this.close(stream);
      return;
    }
    stream.res.write(chunk);
  }

  private close(stream: Stream, end = true) {
    if (stream.closed) return;
    stream.closed = true;
    const user = this.byUser.get(stream.userId);
    user?.streams.delete(stream);
    if (user && user.streams.size === 0) this.byUser.delete(stream.userId);
    if (end && !stream.res.writableEnded) stream.res.end();
  }
}

function parseMessage(payload: string): { userId: string; sessionId?: string | null } | null {
  try {
    const value = JSON.parse(payload) as { userId?: unknown; sessionId?: unknown };
    if (typeof value.userId !== 'string') return null;
    return { userId: value.userId, sessionId: typeof value.sessionId === 'string' ? value.sessionId : null };
  } catch {
    return null;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parsePresence(payload: string): { listId: string; teamId: string } | null {
  try {
    const value = JSON.parse(payload) as { listId?: unknown; teamId?: unknown };
    if (typeof value.listId !== 'string' || typeof value.teamId !== 'string') return null;
    if (!UUID.test(value.listId) || !UUID.test(value.teamId)) return null;
    return { listId: value.listId, teamId: value.teamId };
  } catch {
    return null;
  }
}

/** Last-Event-ID as a notification id (0 replays everything), or null when absent or not a plain integer. */
export function parseLastEventId(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value.trim())) return null;
  const id = Number(value.trim());
  return Number.isSafeInteger(id) ? id : null;
}
