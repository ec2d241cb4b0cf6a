import { queryOptions } from '@tanstack/react-query';
import { unwrap } from '@/lib/api';
import { apiFor } from '@/lib/api/query-api';
import { QUERY_ROOTS } from '@/lib/api/query-keys';
import type { components } from '@/lib/api/schema';
import { serverQuery, type ServerQuery } from '@/lib/api/server-query';

export type Team = components['schemas']['Team'];

/** GET /reports/team: per member, per list, the leaderboard and who is live (the same KPIs as /reports/kpi). */
export type TeamReport = components['schemas']['TeamReport'];
export type TeamTotals = TeamReport['totals'];
export type TeamMemberKpis = TeamReport['members'][number];

/** How often "Right now" refetches even without a stream event (the stream may be down). */
export const LIVE_POLL_MS = 20_000;

export const teamReportKeys = {
  teams: () => [...QUERY_ROOTS.teams, 'all'] as const,
  /** Under the reports' prefix: a logged call invalidates it like the dashboard. */
  report: (teamId: string, range: string) => [...QUERY_ROOTS.reports, 'team', teamId, range] as const,
  ofTeam: (teamId: string) => [...QUERY_ROOTS.reports, 'team', teamId] as const,
};

export const teamReportQueries = {
  /** The caller's teams (an admin: every team). */
  teams: () =>
    queryOptions({
      queryKey: teamReportKeys.teams(),
      queryFn: async ({ client }) => (await unwrap(apiFor(client).GET('/teams', {}))).items,
    }),
  report: (teamId: string, range: string) =>
    queryOptions({
      queryKey: teamReportKeys.report(teamId, range),
      queryFn: ({ client }) =>
        unwrap(apiFor(client).GET('/reports/team', { params: { query: { teamId, range } } })),
    }),
};

/** /team: the teams, so the picker and the first report's team are known as the page is served. */
export function teamReportPageQueries(): ServerQuery[] {
  return [serverQuery(teamReportQueries.teams())];
}
