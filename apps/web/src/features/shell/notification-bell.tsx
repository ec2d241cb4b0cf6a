'use client';

import { useCallback, useRef, useState } from 'react';
import dynamic from 'next/dynamic';
import { Bell } from 'lucide-react';
import { IconButton } from '@/components/ui/button';
import { useNotifications } from '@/features/notifications/notification-provider';
import { useI18n } from '@/lib/i18n';
import { useDismiss } from './use-dismiss';

const PANEL_ID = 'notification-panel';

// The panel (its list, the kinds' icons, "mark all read") loads when first opened, or pointed at.
const loadDropdown = () => import('@/features/notifications/notification-dropdown');
const NotificationDropdown = dynamic(() => loadDropdown().then((module) => module.NotificationDropdown), {
  ssr: false,
});

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
        aria-controls={PANEL_ID}
        onClick={() => setIsOpen((open) => !open)}
        onPointerEnter={() => void loadDropdown()}
        onFocus={() => void loadDropdown()}
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
      {isOpen ? <NotificationDropdown id={PANEL_ID} onNavigate={() => setIsOpen(false)} /> : null}
    </div>
  );
}
