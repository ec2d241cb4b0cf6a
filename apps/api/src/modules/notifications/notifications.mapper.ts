import type { Notification } from '@ct/contracts';
import type { NotificationRow } from './notifications.repository.ts';

/** A row as the API and the live stream show it. */
export function mapNotification(row: NotificationRow): Notification {
  return {
    id: Number(row.id),
    type: row.type,
    title: row.title,
    body: row.body,
    link: row.link,
    meta: row.meta,
    readAt: row.readAt ? row.readAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
  };
}
