import { queryOptions } from '@tanstack/react-query';
import { unwrap } from '@/lib/api';
import { apiFor } from '@/lib/api/query-api';
import { QUERY_ROOTS } from '@/lib/api/query-keys';
import type { components } from '@/lib/api/schema';
import { serverQuery, type ServerQuery } from '@/lib/api/server-query';
import { todayReportQuery } from '@/features/today/today.queries';
import { parseRange, rangeParam } from './report-range';

export type KpiReport = components['schemas']['KpiReport'];
export type KpiTotals = components['schemas']['KpiTotals'];

/** The KPIs of a range (`7d`, `30d`, `90d` or `FROM..TO`) against the previous period of the same length. */
export const kpiQuery = (range: string) =>
  queryOptions({
    queryKey: [...QUERY_ROOTS.reports, 'kpi', range] as const,
    queryFn: ({ client }): Promise<KpiReport> =>
      unwrap(apiFor(client).GET('/reports/kpi', { params: { query: { range } } })),
  });

/** /dashboard: the KPIs of the range in the URL, and today's two tables. */
export function dashboardPageQueries(params: { get(name: string): string | null }): ServerQuery[] {
  return [serverQuery(kpiQuery(rangeParam(parseRange(params.get('range'))))), serverQuery(todayReportQuery())];
}
