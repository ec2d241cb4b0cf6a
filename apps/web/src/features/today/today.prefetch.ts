import { settingsServerQuery } from '@/features/calls/calls.prefetch';
import type { ServerQuery } from '@/lib/api/server-prefetch';
import { todayKeys } from './today.api';

export const todayServerQueries: ServerQuery[] = [
  settingsServerQuery,
  { queryKey: todayKeys.report(), request: (api) => api.GET('/reports/today') },
];
