import type { ServerQuery } from '@/lib/api/server-prefetch';
import { reportKeys } from './dashboard.api';
import { parseRange, rangeParam } from './report-range';

/** /dashboard: the KPIs of the range in the URL, and today's two tables. */
export function dashboardServerQueries(params: { get(name: string): string | null }): ServerQuery[] {
  const range = rangeParam(parseRange(params.get('range')));
  return [
    { queryKey: reportKeys.kpi(range), request: (api) => api.GET('/reports/kpi', { params: { query: { range } } }) },
    { queryKey: reportKeys.today, request: (api) => api.GET('/reports/today') },
  ];
}
