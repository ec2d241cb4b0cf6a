import type { ServerQuery } from '@/lib/api/server-prefetch';
import { meQueryKey } from './auth.api';

/** The signed-in user, which the app shell waits for before it renders any page. */
export const meServerQuery: ServerQuery = { queryKey: meQueryKey, request: (api) => api.GET('/me') };
