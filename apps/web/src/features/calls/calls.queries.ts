import { queryOptions } from '@tanstack/react-query';
import { unwrap, type ApiClient } from '@/lib/api';
import { apiFor } from '@/lib/api/query-api';
import { QUERY_ROOTS } from '@/lib/api/query-keys';
import { serverQuery, type ServerQuery } from '@/lib/api/server-query';
import { userSettingsServerQuery } from '@/features/settings/settings.queries';
import { filtersFromSearchParams, toApiQuery, type CallFilters } from './call-filters';
import type { CallDetail, CallPage } from './calls.api';

export const callKeys = {
  /** Every list and detail: what a change to any call invalidates. */
  all: QUERY_ROOTS.calls,
  list: (filters: CallFilters) => [...QUERY_ROOTS.calls, 'list', filters] as const,
  detail: (id: string) => [...QUERY_ROOTS.calls, 'detail', id] as const,
};

/** The If-Match value for a row of a given version (the API's ETag is `W/"<version>"`). */
export const etagOf = (version: number) => `W/"${version}"`;

/** One page of the list of a view (GET /calls); the call session reads the same list page by page. */
export function fetchCalls(client: ApiClient, filters: CallFilters): Promise<CallPage> {
  return unwrap(client.GET('/calls', { params: { query: toApiQuery(filters) } }));
}

/** One call with its history and open reminders, and the ETag to send back with an edit. */
async function fetchCall(client: ApiClient, id: string): Promise<{ call: CallDetail; etag: string }> {
  const result = client.GET('/calls/{id}', { params: { path: { id } } });
  const call = await unwrap(result);
  const { response } = await result;
  return { call, etag: response.headers.get('etag') ?? etagOf(call.version) };
}

export const callQueries = {
  list: (filters: CallFilters) =>
    queryOptions({
      queryKey: callKeys.list(filters),
      queryFn: ({ client }) => fetchCalls(apiFor(client), filters),
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: callKeys.detail(id),
      queryFn: ({ client }) => fetchCall(apiFor(client), id),
    }),
};

/** /calls: the view in the URL, and the settings. */
export function callsPageQueries(params: { get(name: string): string | null }): ServerQuery[] {
  return [userSettingsServerQuery(), serverQuery(callQueries.list(filtersFromSearchParams(params)))];
}
