import { queryOptions } from '@tanstack/react-query';
import { unwrap } from '@/lib/api';
import { apiFor } from '@/lib/api/query-api';
import { QUERY_ROOTS } from '@/lib/api/query-keys';
import { serverQuery, type ServerQuery } from '@/lib/api/server-query';

export const teamKeys = {
  all: QUERY_ROOTS.teams,
  list: () => [...QUERY_ROOTS.teams, 'list'] as const,
  detail: (id: string) => [...QUERY_ROOTS.teams, 'detail', id] as const,
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
};

/** /admin/teams: the teams. */
export const teamsPageQueries = (): ServerQuery[] => [serverQuery(teamQueries.list())];

/** /admin/teams/[id]: the team and its members. */
export const teamPageQueries = (id: string): ServerQuery[] => [serverQuery(teamQueries.detail(id))];
