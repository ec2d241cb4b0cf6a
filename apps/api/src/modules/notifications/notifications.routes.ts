import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  markAllReadResultSchema,
  notificationIdParamsSchema,
  notificationListQuerySchema,
  notificationPageSchema,
  notificationSchema,
  notificationStreamQuerySchema,
  problemSchema,
} from '@ct/contracts';
import { authOf } from '../../plugins/auth.ts';
import { parseLastEventId } from './notifications.stream.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 429: problemSchema };

/** Per-user budgets (the key is the signed-in user, so one user cannot exhaust another's). */
export const NOTIFICATION_RATE = { max: 120, timeWindow: 60_000 };
// Opens, not open streams (those are capped by MAX_STREAMS_PER_USER): a full page load opens one, and a caller
// moving fast through the app reloads more than once a second at times.
export const STREAM_RATE = { max: 120, timeWindow: 60_000 };
const byUser = (request: FastifyRequest) => `user:${request.auth?.userId ?? request.ip}`;

export async function notificationsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const service = app.notifications;
  const limit = app.rateLimit({ ...NOTIFICATION_RATE, keyGenerator: byUser });
  const streamLimit = app.rateLimit({ ...STREAM_RATE, keyGenerator: (request) => `stream:${byUser(request)}` });

  r.get('/me/notifications', {
    config: { access: 'user' },
    onRequest: limit,
    schema: {
      tags: ['notifications'],
      summary: "The caller's notifications, newest first, with the unread count",
      querystring: notificationListQuerySchema,
      response: { 200: notificationPageSchema, ...problems },
    },
    handler: async (request) => service.list(authOf(request).userId, request.query),
  });

  r.patch('/me/notifications/:id/read', {
    config: { access: 'user' },
    onRequest: limit,
    schema: {
      tags: ['notifications'],
      summary: 'Mark one notification read (idempotent: the first read time is kept)',
      params: notificationIdParamsSchema,
      response: { 200: notificationSchema, 404: problemSchema, ...problems },
    },
    handler: async (request) => service.markRead(authOf(request).userId, request.params.id),
  });

  r.post('/me/notifications/mark-all-read', {
    config: { access: 'user' },
    onRequest: limit,
    schema: {
      tags: ['notifications'],
      summary: "Mark all the caller's notifications read",
      response: { 200: markAllReadResultSchema, ...problems },
    },
    handler: async (request) => service.markAllRead(authOf(request).userId),
  });

  r.get('/me/notifications/stream', {
    config: { access: 'user' },
    onRequest: streamLimit,
    schema: {
      tags: ['notifications'],
      summary: 'Live notifications (Server-Sent Events)',
      description:
        'text/event-stream: one `notification` event per new notification, its id as the SSE id; `Last-Event-ID` (or `?lastEventId=`) replays what was missed; a `: ping` comment every 25 s; the stream ends when the session is revoked.',
      querystring: notificationStreamQuerySchema,
      response: { 401: problemSchema, 429: problemSchema },
    },
    handler: async (request, reply) => {
      const auth = authOf(request);
      const header = request.headers['last-event-id'];
      const lastEventId = parseLastEventId(typeof header === 'string' ? header : request.query.lastEventId);
      // From here on the response is ours: Fastify's onSend hooks (security headers) do not run, so the
      // stream sets its own.
      reply.hijack();
      app.notificationStreams.open(auth, request.raw, reply.raw, lastEventId, request.id);
    },
  });
}
