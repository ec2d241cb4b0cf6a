'use client';

import { useEffect, useState } from 'react';
import dynamic from 'next/dynamic';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Search, UserPlus, Users } from 'lucide-react';
import { QueryState } from '@/components/query-state';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { controlClasses } from '@/components/ui/field';
import { PageIntro } from '@/components/ui/page-intro';
import { Pagination } from '@/components/ui/pagination';
import { SkeletonRows } from '@/components/ui/skeleton';
import { Table, Td, Th } from '@/components/ui/table';
import { useSession } from '@/features/auth/session-provider';
import { useFormatter } from '@/lib/format/use-formatter';
import { useI18n } from '@/lib/i18n';
import { USERS_PAGE_SIZE } from './admin.api';
import { adminUsersQuery } from './admin.queries';
import { UserActions } from './user-actions';
import { pageParam, useUrlParams } from '@/lib/use-url-params';
import * as adminMessages from '@/lib/i18n/messages/admin';

// Dialogs load when first opened, not with the page (their forms carry react-hook-form).
const UserCreateDialog = dynamic(() => import('./user-create-dialog').then((module) => module.UserCreateDialog), {
  ssr: false,
});

const SEARCH_DEBOUNCE_MS = 300;

/** /admin/users: every account, searchable; create one, change a role, disable or enable, reset 2FA. */
export function UsersPage() {
  const { t } = useI18n({ admin: adminMessages });
  const copy = t.admin.users;
  const format = useFormatter();
  const { user: me } = useSession();
  const { params, update } = useUrlParams();
  const q = params.get('q') ?? '';
  const page = pageParam(params.get('page'));
  const [search, setSearch] = useState(q);
  const [isCreating, setIsCreating] = useState(false);

  // The search box writes the URL a moment after typing stops (the list follows the URL).
  useEffect(() => {
    if (search.trim() === q) return;
    const timer = window.setTimeout(() => update({ q: search.trim(), page: null }), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [search, q, update]);

  const query = useQuery({ ...adminUsersQuery(q, page), placeholderData: keepPreviousData });

  return (
    <>
      <PageIntro
        actions={
          <Button onClick={() => setIsCreating(true)}>
            <UserPlus className="size-4" aria-hidden />
            {copy.create}
          </Button>
        }
      >
        {copy.description}
      </PageIntro>

      <Card className="overflow-hidden">
        <div className="flex flex-col gap-3 border-b border-slate-100 p-4 sm:flex-row sm:items-center sm:justify-between dark:border-night-800">
          <div className="relative w-full sm:max-w-xs">
            <label htmlFor="admin-user-search" className="sr-only">
              {copy.search}
            </label>
            <Search
              className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400"
              aria-hidden
            />
            <input
              id="admin-user-search"
              type="search"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              placeholder={copy.searchPlaceholder}
              className={controlClasses(false, 'h-10 pl-9')}
            />
          </div>
          {query.data ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">{copy.total(query.data.total)}</p>
          ) : null}
        </div>

        <QueryState
          query={query}
          variant="section"
          errorMessage={copy.loadError}
          loading={
            <div className="p-4" aria-busy="true">
              <SkeletonRows rows={5} />
            </div>
          }
          isEmpty={(data) => data.items.length === 0}
          empty={
            <div className="flex flex-col items-center px-6 py-12 text-center">
              <Users className="mb-3 size-8 text-slate-400" aria-hidden />
              <p className="font-semibold text-slate-900 dark:text-white">{copy.emptyTitle}</p>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{copy.emptyBody}</p>
            </div>
          }
        >
          {(data) => (
            <>
              <div className="relative overflow-x-auto">
                <Table aria-busy={query.isFetching}>
                  <caption className="sr-only">{copy.caption}</caption>
                  <thead>
                    <tr>
                      <Th>{copy.name}</Th>
                      <Th>{copy.role}</Th>
                      <Th>{copy.status}</Th>
                      <Th className="hidden md:table-cell">{copy.lastLogin}</Th>
                      <Th className="hidden lg:table-cell">{copy.createdAt}</Th>
                      <Th className="w-12">
                        <span className="sr-only">{copy.actions}</span>
                      </Th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((user) => (
                      <tr key={user.id} className="hover:bg-slate-50/70 dark:hover:bg-night-800/40">
                        <Td className="max-w-[16rem]">
                          <p className="truncate font-medium text-slate-900 dark:text-white">
                            {user.name}
                            {user.id === me?.id ? (
                              <span className="ml-1.5 text-xs font-normal text-slate-500 dark:text-slate-400">
                                ({copy.you})
                              </span>
                            ) : null}
                          </p>
                          <p className="truncate text-xs text-slate-600 dark:text-slate-400">{user.email}</p>
                        </Td>
                        <Td>
                          <Badge tone={user.role === 'admin' ? 'iris' : 'slate'}>{copy.roles[user.role]}</Badge>
                        </Td>
                        <Td>
                          <Badge tone={user.disabled ? 'rose' : 'emerald'} hasDot>
                            {user.disabled ? copy.disabled : copy.active}
                          </Badge>
                          {user.mfaEnabled ? (
                            <Badge tone="iris" className="ml-1.5">
                              <span aria-hidden>{copy.mfaOnShort}</span>
                              <span className="sr-only">{copy.mfaOn}</span>
                            </Badge>
                          ) : null}
                        </Td>
                        <Td className="hidden whitespace-nowrap text-slate-700 md:table-cell dark:text-slate-300">
                          {user.lastLoginAt ? format.dateTime(user.lastLoginAt) : copy.never}
                        </Td>
                        <Td className="hidden whitespace-nowrap text-slate-700 lg:table-cell dark:text-slate-300">
                          {format.date(user.createdAt)}
                        </Td>
                        <Td className="text-right">
                          <UserActions user={user} isSelf={user.id === me?.id} />
                        </Td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
              </div>
              <Pagination
                className="px-4 py-3"
                page={page}
                pageSize={USERS_PAGE_SIZE}
                total={data.total}
                onPage={(next) => update({ page: next === 1 ? null : String(next) })}
                labels={t.admin.pagination}
              />
            </>
          )}
        </QueryState>
      </Card>

      {isCreating ? <UserCreateDialog open onClose={() => setIsCreating(false)} /> : null}
    </>
  );
}
