import { queryOptions } from '@tanstack/react-query';
import type { NotificationPage } from '@ct/contracts';
import { unwrap } from '@/lib/api';
import { apiFor } from '@/lib/api/query-api';
import { QUERY_ROOTS } from '@/lib/api/query-keys';
import { PANEL_PAGE_SIZE } from './notifications.api';

/** The panel's page: the latest notifications and the unread count (the stream keeps it current). */
export const latestNotificationsQuery = () =>
  queryOptions({
    queryKey: [...QUERY_ROOTS.notifications, 'latest'] as const,
    queryFn: ({ client }): Promise<NotificationPage> =>
      unwrap(apiFor(client).GET('/me/notifications', { params: { query: { page: 1, pageSize: PANEL_PAGE_SIZE } } })),
    staleTime: 60_000,
  });
