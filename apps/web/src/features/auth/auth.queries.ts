import { queryOptions } from '@tanstack/react-query';
import type { User } from '@ct/contracts';
import { unwrap } from '@/lib/api';
import { apiFor } from '@/lib/api/query-api';
import { QUERY_ROOTS } from '@/lib/api/query-keys';
import { serverQuery, type ServerQuery } from '@/lib/api/server-query';

/** The signed-in user (GET /me). A 401 is handled by the API client: refresh once, else go to /login. */
export const meQuery = () =>
  queryOptions({
    queryKey: QUERY_ROOTS.me,
    queryFn: ({ client }): Promise<User> => unwrap(apiFor(client).GET('/me')),
    staleTime: 5 * 60_000,
  });

/** The app shell waits for the user before it renders any page: the layout has it fetched on the server. */
export const shellQueries = (): ServerQuery[] => [serverQuery(meQuery())];
