import type { ServerQuery } from '@/lib/api/server-prefetch';
import { filtersFromSearchParams, toApiQuery } from './call-filters';
import { callKeys } from './calls.api';
import { userSettingsQueryKey } from './user-settings.api';

/** Every page that shows calls reads the user's work settings (phone region, work hours, slots). */
export const settingsServerQuery: ServerQuery = {
  queryKey: userSettingsQueryKey,
  request: (api) => api.GET('/me/settings'),
};

/** /calls: the view in the URL, and the settings. */
export function callsServerQueries(params: { get(name: string): string | null }): ServerQuery[] {
  const filters = filtersFromSearchParams(params);
  return [
    settingsServerQuery,
    {
      queryKey: callKeys.list(filters),
      request: (api) => api.GET('/calls', { params: { query: toApiQuery(filters) } }),
    },
  ];
}
