import { queryOptions } from '@tanstack/react-query';
import { unwrap } from '@/lib/api';
import { apiFor } from '@/lib/api/query-api';
import { adminKeys, USERS_PAGE_SIZE } from './admin.api';

/** One page of the accounts, searched by name or e-mail. */
export const adminUsersQuery = (q: string, page: number) =>
  queryOptions({
    queryKey: adminKeys.users(q, page),
    queryFn: ({ client }) =>
      unwrap(
        apiFor(client).GET('/admin/users', {
          params: { query: { q: q || undefined, page, pageSize: USERS_PAGE_SIZE } },
        }),
      ),
  });
