import { filtersFromSearchParams, toApiQuery } from '@/features/calls/call-filters';
import { settingsServerQuery } from '@/features/calls/calls.prefetch';
import type { ServerQuery } from '@/lib/api/server-prefetch';
import { SESSION_PAGE_SIZE, sessionKeys } from './session.keys';

/** /session: the due reminders and the first page of the filtered list, as the queue reads them. */
export function sessionServerQueries(params: { get(name: string): string | null }): ServerQuery[] {
  const filters = filtersFromSearchParams(params);
  return [
    settingsServerQuery,
    {
      queryKey: sessionKeys.reminders,
      request: (api) => api.GET('/reminders', { params: { query: { date: 'today', done: 'false', pageSize: 100 } } }),
    },
    {
      queryKey: sessionKeys.calls(filters),
      request: (api) =>
        api.GET('/calls', { params: { query: toApiQuery({ ...filters, page: 1, pageSize: SESSION_PAGE_SIZE }) } }),
      toData: (page) => ({ pages: [page], pageParams: [1] }),
    },
  ];
}
