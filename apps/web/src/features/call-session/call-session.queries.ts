import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { apiFor } from '@/lib/api/query-api';
import { QUERY_ROOTS } from '@/lib/api/query-keys';
import { serverInfiniteQuery, serverQuery, type ServerQuery } from '@/lib/api/server-query';
import { filtersFromSearchParams, type CallFilters } from '@/features/calls/call-filters';
import { fetchCalls } from '@/features/calls/calls.queries';
import { fetchReminders } from '@/features/reminders/reminders.queries';
import { userSettingsServerQuery } from '@/features/settings/settings.queries';
import { teamListQueries } from './team-list.api';

export const CALL_SESSION_PAGE_SIZE = 50;

/**
 * The queue's own cache entries, fetched once: no call or reminder mutation invalidates them (they are
 * under no resource's prefix), so logging an outcome does not reshuffle what comes next.
 */
const FROZEN = { staleTime: Infinity, gcTime: 0, refetchOnWindowFocus: false } as const;

export const callSessionQueries = {
  /** Today's due reminders, overdue first, in the user's order. */
  reminders: () =>
    queryOptions({
      queryKey: [...QUERY_ROOTS.callSession, 'reminders'] as const,
      queryFn: ({ client }) => fetchReminders(apiFor(client), { date: 'today', done: false }),
      ...FROZEN,
    }),
  /** The filtered list, page by page as the caller nears its end. */
  calls: (filters: CallFilters) =>
    infiniteQueryOptions({
      queryKey: [...QUERY_ROOTS.callSession, 'calls', filters] as const,
      queryFn: ({ client, pageParam }) =>
        fetchCalls(apiFor(client), { ...filters, page: pageParam, pageSize: CALL_SESSION_PAGE_SIZE }),
      initialPageParam: 1,
      getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
      ...FROZEN,
    }),
};

/**
 * /session: the due reminders and the first page of the filtered list, as the queue reads them, and the
 * team lists the start screen offers. On a team list (`?listId=`), the list itself: its contact is
 * claimed by the browser (a claim is a write, never made while rendering).
 */
export function callSessionPageQueries(params: { get(name: string): string | null }): ServerQuery[] {
  const listId = params.get('listId');
  if (listId) return [userSettingsServerQuery(), serverQuery(teamListQueries.detail(listId))];
  return [
    userSettingsServerQuery(),
    serverQuery(teamListQueries.open()),
    serverQuery(callSessionQueries.reminders()),
    serverInfiniteQuery(callSessionQueries.calls(filtersFromSearchParams(params))),
  ];
}
