'use client';

import { useCallback, useRef, useState } from 'react';
import { Bell, BellRing } from 'lucide-react';
import { IconButton } from '@/components/ui/button';
import { useI18n } from '@/lib/i18n';
import { useDismiss } from './use-dismiss';

/**
 * The global bell. Notifications are wired in a later issue (GET /me/notifications + live stream);
 * until then the count is 0, the badge stays hidden and the panel says there is nothing new.
 */
export function NotificationBell({ unreadCount = 0 }: { unreadCount?: number }) {
  const { t } = useI18n();
  const [isOpen, setIsOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setIsOpen(false), []);
  useDismiss(rootRef, isOpen, close);

  return (
    <div ref={rootRef} className="relative">
      <IconButton
        label={unreadCount > 0 ? t.header.notificationsUnread(unreadCount) : t.header.notifications}
        aria-expanded={isOpen}
        aria-controls="notification-panel"
        onClick={() => setIsOpen((open) => !open)}
      >
        <Bell className="size-5" aria-hidden />
        {unreadCount > 0 ? (
          <span
            className="absolute top-1.5 right-1.5 flex h-4 min-w-4 items-center justify-center rounded-full bg-rose-500 px-1 text-[10px] font-bold text-white ring-2 ring-white dark:ring-night-950"
            aria-hidden
          >
            {unreadCount > 9 ? '9+' : unreadCount}
          </span>
        ) : null}
      </IconButton>
      {isOpen ? (
        <div
          id="notification-panel"
          role="region"
          aria-label={t.header.notifications}
          className="absolute right-0 z-40 mt-2 w-[min(20rem,calc(100vw-2rem))] rounded-2xl border border-slate-200/80 bg-white p-5 text-center shadow-xl dark:border-night-700 dark:bg-night-900"
        >
          <span className="mx-auto mb-3 flex size-11 items-center justify-center rounded-xl bg-iris-50 text-iris-600 dark:bg-iris-500/15 dark:text-orchid-300">
            <BellRing className="size-5" aria-hidden />
          </span>
          <p className="text-sm font-semibold text-slate-900 dark:text-white">{t.header.noNotificationsTitle}</p>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t.header.noNotificationsBody}</p>
        </div>
      ) : null}
    </div>
  );
}
