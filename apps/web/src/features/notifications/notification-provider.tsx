'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useRouter } from 'next/navigation';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Notification, NotificationPage } from '@ct/contracts';
import { useToast } from '@/components/ui/toast';
import { useI18n } from '@/lib/i18n';
import { QUERY_ROOTS } from '@/lib/api/query-keys';
import {
  markAllNotificationsRead,
  markNotificationRead,
  withAllRead,
  withArrival,
  withRead,
} from './notifications.api';
import { latestNotificationsQuery } from './notifications.queries';
import { showDesktopNotification } from './desktop-notifications';
import { useNotificationStream, type LiveStatus } from './use-notification-stream';

const POLL_MS = 30_000;
/** The one entry the panel reads, and the stream and the actions write. */
const LATEST = latestNotificationsQuery();

interface NotificationCenter {
  items: Notification[];
  unread: number;
  status: 'loading' | 'error' | 'ready';
  live: LiveStatus;
  retry: () => void;
  /** Marks it read (when unread), then goes to the page it is about. */
  open: (notification: Notification) => Promise<void>;
  markAllRead: () => void;
  isMarkingAllRead: boolean;
}

const NotificationContext = createContext<NotificationCenter | null>(null);

/** Only app paths are followed: a notification link never leaves the site. */
function safeLink(link: string | null): string | null {
  return link && link.startsWith('/') && !link.startsWith('//') ? link : null;
}

/**
 * The notification centre of the app shell: the latest notifications (GET /me/notifications), kept live
 * by the SSE stream — or by polling while the stream is down. Each arrival is announced once: a toast,
 * and a desktop notification when the tab is hidden and the user allowed them.
 */
export function NotificationProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const copy = t.notifications;
  const toast = useToast();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [live, setLive] = useState<LiveStatus>('connecting');

  const query = useQuery({ ...LATEST, refetchInterval: live === 'polling' ? POLL_MS : false });
  const page = query.data;

  const open = useCallback(
    async (notification: Notification) => {
      if (notification.readAt === null) {
        try {
          const read = await markNotificationRead(notification.id);
          queryClient.setQueryData<NotificationPage>(LATEST.queryKey, (old) => (old ? withRead(old, read) : old));
        } catch {
          toast.error(copy.markReadFailed);
        }
      }
      const link = safeLink(notification.link);
      if (link) router.push(link);
    },
    [copy.markReadFailed, queryClient, router, toast],
  );

  // Announce what is new since the first load, whichever way it came (stream or poll).
  const newestAnnounced = useRef<number | null>(null);
  useEffect(() => {
    if (!page) return;
    const newest = page.items[0]?.id ?? 0;
    if (newestAnnounced.current === null) {
      newestAnnounced.current = newest;
      return;
    }
    const since = newestAnnounced.current;
    const fresh = page.items.filter((item) => item.id > since && item.readAt === null).reverse();
    newestAnnounced.current = Math.max(since, newest);
    for (const item of fresh) {
      toast.info(item.title, { action: { label: copy.open, onClick: () => void open(item) } });
      showDesktopNotification(item, () => void open(item));
    }
  }, [page, toast, copy.open, open]);

  const onNotification = useCallback(
    (notification: Notification) => {
      const current = queryClient.getQueryData<NotificationPage>(LATEST.queryKey);
      if (current) queryClient.setQueryData(LATEST.queryKey, withArrival(current, notification));
      else void queryClient.invalidateQueries({ queryKey: LATEST.queryKey });
      // A call logged elsewhere (another tab, a colleague's import…) moves the dashboard's figures.
      if (notification.type === 'call_logged' || notification.type === 'wrong_number') {
        void queryClient.invalidateQueries({ queryKey: QUERY_ROOTS.reports });
      }
    },
    [queryClient],
  );
  const resync = useCallback(() => void queryClient.invalidateQueries({ queryKey: LATEST.queryKey }), [queryClient]);
  const { refetch, isError } = query;
  // Any API call refreshes an expired session (lib/api/client.ts); reloading the list is the useful one.
  const ensureSession = useCallback(() => refetch(), [refetch]);

  useNotificationStream({
    startAfter: page ? (page.items[0]?.id ?? 0) : null,
    onNotification,
    onReconnect: resync,
    onStatus: setLive,
    ensureSession,
  });

  const markAll = useMutation({
    mutationFn: markAllNotificationsRead,
    onSuccess: () => {
      const now = new Date().toISOString();
      queryClient.setQueryData<NotificationPage>(LATEST.queryKey, (old) => (old ? withAllRead(old, now) : old));
      void queryClient.invalidateQueries({ queryKey: LATEST.queryKey });
      toast.success(copy.allMarkedRead);
    },
    onError: () => toast.error(copy.markAllReadFailed),
  });

  const value = useMemo<NotificationCenter>(
    () => ({
      items: page?.items ?? [],
      unread: page?.unread ?? 0,
      status: page ? 'ready' : isError ? 'error' : 'loading',
      live,
      retry: () => void refetch(),
      open,
      markAllRead: () => markAll.mutate(),
      isMarkingAllRead: markAll.isPending,
    }),
    [page, isError, refetch, live, open, markAll],
  );

  return <NotificationContext value={value}>{children}</NotificationContext>;
}

export function useNotifications(): NotificationCenter {
  const center = useContext(NotificationContext);
  if (!center) throw new Error('useNotifications must be used inside <NotificationProvider>');
  return center;
}
