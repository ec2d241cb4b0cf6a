'use client';

import { useCallback, useRef, useState } from 'react';
import { Bell } from 'lucide-react';
import { IconButton } from '@/components/ui/button';
import { NOTIFICATION_PANEL_ID, NotificationDropdown } from '@/features/notifications/notification-dropdown';
import { useNotifications } from '@/features/notifications/notification-provider';
import { useI18n } from '@/lib/i18n';
import { useDismiss } from './use-dismiss';

/** The global bell: the unread count as a badge, and the notification panel below it. */
export function NotificationBell() {
  const { t } = useI18n();
  const { unread, live } = useNotifications();
  const [isOpen, setIsOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => {
    setIsOpen(false);
    triggerRef.current?.focus();
  }, []);
  useDismiss(rootRef, isOpen, close);

  return (
    <div ref={rootRef} className="relative" data-live={live}>
      <IconButton
        ref={triggerRef}
        label={unread > 0 ? t.notifications.bellUnread(unread) : t.notifications.bell}
        aria-expanded={isOpen}
        aria-controls={NOTIFICATION_PANEL_ID}
        onClick={() => setIsOpen((open) => !open)}
      >
        <Bell className="size-5" aria-hidden />
        {unread > 0 ? (
          <span
            data-testid="notification-badge"
            className="absolute top-1 right-1 flex h-[18px] min-w-[18px] items-center justify-center rounded-full bg-rose-600 px-1 text-[10px] leading-none font-bold text-white ring-2 ring-white dark:ring-night-950"
            aria-hidden
          >
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </IconButton>
      {isOpen ? <NotificationDropdown onNavigate={() => setIsOpen(false)} /> : null}
    </div>
  );
}
