import type { Notification, NotificationPage } from '@ct/contracts';
import { api, unwrap } from '@/lib/api';

/** The panel shows the latest ones; older notifications are not listed in the app yet. */
export const PANEL_PAGE_SIZE = 20;
export function markNotificationRead(id: number): Promise<Notification> {
  return unwrap(api.PATCH('/me/notifications/{id}/read', { params: { path: { id } } }));
}

export function markAllNotificationsRead(): Promise<{ updated: number; unread: number }> {
  return unwrap(api.POST('/me/notifications/mark-all-read'));
}

/** A new notification at the top of the cached page (ignored when already there, e.g. replayed). */
export function withArrival(page: NotificationPage, item: Notification): NotificationPage {
  if (page.items.some((existing) => existing.id === item.id)) return page;
  const items = [item, ...page.items].sort((a, b) => b.id - a.id).slice(0, PANEL_PAGE_SIZE);
  return { ...page, items, total: page.total + 1, unread: page.unread + (item.readAt ? 0 : 1) };
}

export function withRead(page: NotificationPage, read: Notification): NotificationPage {
  const wasUnread = page.items.some((item) => item.id === read.id && item.readAt === null);
  return {
    ...page,
    items: page.items.map((item) => (item.id === read.id ? read : item)),
    unread: wasUnread ? Math.max(0, page.unread - 1) : page.unread,
  };
}

export function withAllRead(page: NotificationPage, readAt: string): NotificationPage {
  return { ...page, items: page.items.map((item) => (item.readAt ? item : { ...item, readAt })), unread: 0 };
}
