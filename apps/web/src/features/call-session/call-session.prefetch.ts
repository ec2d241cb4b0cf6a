import { filtersFromSearchParams, toApiQuery } from '@/features/calls/call-filters';
import { settingsServerQuery } from '@/features/calls/calls.prefetch';
import type { ServerQuery } from '@/lib/api/server-prefetch';
import { CALL_SESSION_PAGE_SIZE, callSessionKeys } from './call-session.keys';

/** /session: the due reminders and the first page of the filtered list, as the queue reads them. */
export function callSessionServerQueries(params: { get(name: string): string | null }): ServerQuery[] {
  const filters = filtersFromSearchParams(params);
  return [
    settingsServerQuery,
    {
      queryKey: callSessionKeys.reminders,
      request: (api) => api.GET('/reminders', { params: { query: { date: 'today', done: 'false', pageSize: 100 } } }),
    },
    {
      queryKey: callSessionKeys.calls(filters),
      request: (api) =>
        api.GET('/calls', { params: { query: toApiQuery({ ...filters, page: 1, pageSize: CALL_SESSION_PAGE_SIZE }) } }),
      toData: (page) => ({ pages: [page], pageParams: [1] }),
    },
  ];
}
