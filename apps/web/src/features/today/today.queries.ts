import { queryOptions } from '@tanstack/react-query';
import { unwrap } from '@/lib/api';
import { apiFor } from '@/lib/api/query-api';
import { QUERY_ROOTS } from '@/lib/api/query-keys';
import type { components } from '@/lib/api/schema';
import { serverQuery, type ServerQuery } from '@/lib/api/server-query';
import { userSettingsServerQuery } from '@/features/settings/settings.queries';

export type TodayReport = components['schemas']['TodayReport'];
export type TodayAttempt = TodayReport['attempts'][number];

/**
 * Today's attempts (newest first), today's open reminders and the count per outcome, in the user's zone:
 * /today and the dashboard's two tables read this one entry. Under `reports`, which every call change
 * and every call logged elsewhere invalidates.
 */
export const todayReportQuery = () =>
  queryOptions({
    queryKey: [...QUERY_ROOTS.reports, 'today'] as const,
    queryFn: ({ client }): Promise<TodayReport> => unwrap(apiFor(client).GET('/reports/today')),
  });

/** /today: the report, and the settings (the page shows calls). */
export const todayPageQueries = (): ServerQuery[] => [userSettingsServerQuery(), serverQuery(todayReportQuery())];
