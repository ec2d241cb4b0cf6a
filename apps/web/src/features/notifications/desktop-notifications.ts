import type { Notification } from '@ct/contracts';

export type DesktopPermission = NotificationPermission | 'unsupported';

export function desktopPermission(): DesktopPermission {
  return typeof window !== 'undefined' && 'Notification' in window ? window.Notification.permission : 'unsupported';
}

/** Asks the browser (must follow a user gesture); resolves to the answer. */
export async function requestDesktopPermission(): Promise<DesktopPermission> {
  if (desktopPermission() === 'unsupported') return 'unsupported';
  return window.Notification.requestPermission();
}

/**
 * A system notification for an arrival, only while the tab is hidden (a visible tab shows a toast) and
 * only when the user allowed them. Clicking it brings the tab back and opens what it is about.
 */
export function showDesktopNotification(notification: Notification, onClick: () => void) {
  if (desktopPermission() !== 'granted' || document.visibilityState === 'visible') return;
  try {
    const shown = new window.Notification(notification.title, {
      body: notification.body,
      tag: `ct-notification-${notification.id}`,
      icon: '/icon.svg',
    });
    shown.onclick = () => {
      window.focus();
      onClick();
      shown.close();
    };
  } catch {
    // Some platforms only allow notifications from a service worker: the toast is enough there.
  }
}
