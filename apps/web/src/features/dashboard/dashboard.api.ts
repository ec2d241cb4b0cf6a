import { api, unwrap } from '@/lib/api';
import type { components } from '@/lib/api/schema';

export type KpiReport = components['schemas']['KpiReport'];
export type KpiTotals = components['schemas']['KpiTotals'];
export type TodayReport = components['schemas']['TodayReport'];

/** Under ['reports']: call mutations elsewhere invalidate that prefix, so the dashboard follows them. */
export const reportKeys = {
  kpi: (range: string) => ['reports', 'kpi', range] as const,
  today: ['reports', 'today'] as const,
};

export function fetchKpi(range: string): Promise<KpiReport> {
  return unwrap(api.GET('/reports/kpi', { params: { query: { range } } }));
}

export function fetchToday(): Promise<TodayReport> {
  return unwrap(api.GET('/reports/today'));
}
