import { queryOptions } from '@tanstack/react-query';
import { unwrap } from '@/lib/api';
import { apiFor } from '@/lib/api/query-api';
import { QUERY_ROOTS } from '@/lib/api/query-keys';
import { serverQuery, type ServerQuery } from '@/lib/api/server-query';

export const teamKeys = {
  all: QUERY_ROOTS.teams,
  list: () => [...QUERY_ROOTS.teams, 'list'] as const,
  detail: (id: string) => [...QUERY_ROOTS.teams, 'detail', id] as const,
  candidates: (id: string, email: string) => [...QUERY_ROOTS.teams, 'candidates', id, email] as const,
};

export const teamQueries = {
  /** The teams the user is in (an admin: every team), with their members. */
  list: () =>
    queryOptions({
      queryKey: teamKeys.list(),
      queryFn: ({ client }) => unwrap(apiFor(client).GET('/teams')),
      staleTime: 60_000,
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: teamKeys.detail(id),
      queryFn: ({ client }) => unwrap(apiFor(client).GET('/teams/{id}', { params: { path: { id } } })),
    }),
  /** The active account with this exact e-mail, if it is not in the team yet (a manager's look-up). */
  candidates: (id: string, email: string) =>
    queryOptions({
      queryKey: teamKeys.candidates(id, email),
      queryFn: ({ client }) =>
        unwrap(apiFor(client).GET('/teams/{id}/candidates', { params: { path: { id }, query: { email } } })),
      staleTime: 30_000,
    }),
};

/** /admin/teams: the teams. */
export const teamsPageQueries = (): ServerQuery[] => [serverQuery(teamQueries.list())];

/** /admin/teams/[id]: the team and its members. */
export const teamPageQueries = (id: string): ServerQuery[] => [serverQuery(teamQueries.detail(id))];
