import { queryOptions } from '@tanstack/react-query';
import type { Client } from 'openapi-fetch';
import type { CallStatus } from '@ct/contracts/enums';
import { unwrap } from '@/lib/api';
import { apiFor } from '@/lib/api/query-api';
import { QUERY_ROOTS } from '@/lib/api/query-keys';
import type { components } from '@/lib/api/schema';
import { serverQuery, type ServerQuery } from '@/lib/api/server-query';

export type Team = components['schemas']['Team'];

/** One member's figures over the range (the same definitions as the personal KPIs). */
export interface TeamMemberKpis {
  userId: string;
  name: string;
  attempts: number;
  answered: number;
  /** Null when there was no attempt. */
  answerRate: number | null;
  callbacksDone: number;
  callbacksOnTime: number;
  /** On-time callbacks ÷ callbacks due, as /reports/kpi; null without any. */
  callbacksOnTimeRate: number | null;
  overdueCallbacks: number;
  talkSeconds: number;
}

export type TeamTotals = Omit<TeamMemberKpis, 'userId' | 'name'>;

export interface TeamReport {
  range: { from: string; to: string };
  totals: TeamTotals;
  members: TeamMemberKpis[];
  lists: {
    listId: string;
    name: string;
    archived: boolean;
    total: number;
    remaining: number;
    done: number;
    byOutcome: Partial<Record<CallStatus, number>>;
  }[];
  leaderboard: { userId: string; name: string; attempts: number; answered: number }[];
  /** Who holds a lease on which contact of the team's lists right now. */
  live: {
    userId: string;
    name: string;
    listId: string;
    callId: string;
    firstName: string;
    lastName: string;
    expiresAt: string;
  }[];
}

/** GET /reports/team as the generated client will type it once the route is in the OpenAPI document. */
interface TeamReportPaths {
  '/reports/team': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: {
      parameters: { query: { teamId: string; range: string }; header?: never; path?: never; cookie?: never };
      requestBody?: never;
      responses: {
        200: { headers: Record<string, unknown>; content: { 'application/json': TeamReport } };
        403: { headers: Record<string, unknown>; content: { 'application/problem+json': unknown } };
      };
    };
  };
}

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
        unwrap(
          (apiFor(client) as unknown as Client<TeamReportPaths>).GET('/reports/team', {
            params: { query: { teamId, range } },
          }),
        ),
    }),
};

/** /team: the teams, so the picker and the first report's team are known as the page is served. */
export function teamReportPageQueries(): ServerQuery[] {
  return [serverQuery(teamReportQueries.teams())];
}
