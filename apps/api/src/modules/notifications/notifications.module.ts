import fp from 'fastify-plugin';
import { createMailer } from '../../lib/mailer.ts';
import { listMembers } from '../teams/index.ts';
import { notificationsRoutes } from './notifications.routes.ts';
import { createNotificationsService, type NotificationsService } from './notifications.service.ts';
import { NotificationStreams } from './notifications.stream.ts';
import { registerNotificationSubscribers } from './notifications.subscribers.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Writes and lists notifications (used by event subscribers and jobs). */
    notifications: NotificationsService;
    /** The live SSE streams held by this instance. */
    notificationStreams: NotificationStreams;
  }
}

/**
 * Notifications: the service (shared with the jobs), the subscribers to domain events, the live
 * streams (LISTEN from ready, all closed before the server stops) and the routes.
 */
export const notificationsModule = fp(
  async (app) => {
    const mailer = createMailer(app.env);
    const service = createNotificationsService(app, mailer);
    const streams = new NotificationStreams(app, async (teamId) =>
      (await listMembers(app.db, [teamId])).map((m) => m.userId),
    );
    app.decorate('notifications', service);
    app.decorate('notificationStreams', streams);
    registerNotificationSubscribers(app, service, streams);
    app.addHook('onReady', () => streams.start());
    // Open streams would keep the server from closing: end them before it stops accepting.
    app.addHook('preClose', () => streams.stop());
    app.addHook('onClose', async () => mailer?.close());
    await app.register(notificationsRoutes);
  },
  { name: 'notifications' },
);
