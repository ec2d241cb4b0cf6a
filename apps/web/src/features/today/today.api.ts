import { api, unwrap } from '@/lib/api';
import type { components } from '@/lib/api/schema';

export type TodayReport = components['schemas']['TodayReport'];
export type TodayAttempt = TodayReport['attempts'][number];

export const todayKeys = { all: ['today'] as const, report: () => ['today', 'report'] as const };

/** Today's attempts (newest first), today's open reminders and the count per outcome, in the user's zone. */
export function fetchToday(): Promise<TodayReport> {
  return unwrap(api.GET('/reports/today'));
}
