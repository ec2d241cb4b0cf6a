import { queryOptions } from '@tanstack/react-query';
import { unwrap } from '@/lib/api';
import { apiFor } from '@/lib/api/query-api';
import { QUERY_ROOTS } from '@/lib/api/query-keys';
import { serverQuery, type ServerQuery } from '@/lib/api/server-query';
import { teamQueries } from '@/features/teams/teams.queries';

export const LIST_CALLS_PAGE_SIZE = 50;

export const listKeys = {
  all: QUERY_ROOTS.lists,
  list: (archived: boolean) => [...QUERY_ROOTS.lists, 'list', { archived }] as const,
  detail: (id: string) => [...QUERY_ROOTS.lists, 'detail', id] as const,
  /** A list's calls live under the calls root: whatever changes a call refreshes them. */
  calls: (id: string, page: number, assigneeId: string) =>
    [...QUERY_ROOTS.calls, 'of-list', id, { page, assigneeId }] as const,
};

export const listQueries = {
  /** The call lists of the user's teams (an admin: every team), current or archived. */
  list: (archived = false) =>
    queryOptions({
      queryKey: listKeys.list(archived),
      queryFn: ({ client }) =>
        unwrap(apiFor(client).GET('/lists', { params: { query: { archived: archived ? 'true' : 'false' } } })),
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: listKeys.detail(id),
      queryFn: ({ client }) => unwrap(apiFor(client).GET('/lists/{id}', { params: { path: { id } } })),
    }),
  /** One page of the list's contacts (GET /calls?listId=), by last name; '' for any assignee. */
  calls: (id: string, page: number, assigneeId = '') =>
    queryOptions({
      queryKey: listKeys.calls(id, page, assigneeId),
      queryFn: ({ client }) =>
        unwrap(
          apiFor(client).GET('/calls', {
            params: {
              query: {
                listId: id,
                ...(assigneeId ? { assigneeId } : {}),
                page,
                pageSize: LIST_CALLS_PAGE_SIZE,
                sort: 'lastName:asc',
              },
            },
          }),
        ),
    }),
};

/** /lists: the lists of the view, and the teams (to group them and offer the creation). */
export function listsPageQueries(params: { get(name: string): string | null }): ServerQuery[] {
  return [serverQuery(listQueries.list(params.get('view') === 'archived')), serverQuery(teamQueries.list())];
}

/** /lists/[id]: the list with its progress, and its first page of contacts. */
export function listPageQueries(id: string, params: { get(name: string): string | null }): ServerQuery[] {
  const page = Math.max(1, Number(params.get('page')) || 1);
  return [serverQuery(listQueries.detail(id)), serverQuery(listQueries.calls(id, page, params.get('assignee') ?? ''))];
}
