'use client';

import { useEffect, useRef } from 'react';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { PhoneCall, Play, Plus, SearchX } from 'lucide-react';
import { QueryState } from '@/components/query-state';
import { Button, buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { SelectField } from '@/components/ui/field';
import { PageIntro } from '@/components/ui/page-intro';
import { Pagination } from '@/components/ui/pagination';
import { useI18n } from '@/lib/i18n';
import { CallDialogsProvider, useCallDialogs } from './call-dialogs';
import { ExportButton, ImportDialog } from '@/features/imports';
import { filtersToSearch, isFiltered, PAGE_SIZES, toApiQuery, type CallFilters } from './call-filters';
import type { CallPage } from './calls.api';
import { callQueries } from './calls.queries';
import { CallsTable } from './calls-table';
import { FilterBar } from './filter-bar';
import { useCallFilters } from './use-call-filters';

export function CallsPage() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  // `?open=<id>` (links from notifications) opens a contact's file; closing it drops the parameter.
  const closeOpened = () => {
    if (!searchParams.get('open')) return;
    const params = new URLSearchParams(searchParams.toString());
    params.delete('open');
    const search = params.toString();
    router.replace(`${pathname}${search ? `?${search}` : ''}`, { scroll: false });
  };
  return (
    <CallDialogsProvider onDetailClosed={closeOpened}>
      <CallsView />
    </CallDialogsProvider>
  );
}

function CallsView() {
  const { t } = useI18n();
  const copy = t.calls;
  const dialogs = useCallDialogs();
  const { filters, setFilters, resetFilters } = useCallFilters();
  const searchParams = useSearchParams();
  const openId = searchParams.get('open');
  const openedRef = useRef<string | null>(null);

  useEffect(() => {
    if (openId && openedRef.current !== openId) {
      openedRef.current = openId;
      dialogs.openDetail(openId);
    }
  }, [openId, dialogs]);

  const list = useQuery({ ...callQueries.list(filters), placeholderData: keepPreviousData });
  const hasFilters = isFiltered(filters);

  return (
    <>
      <PageIntro
        actions={
          <div className="flex flex-wrap gap-2">
            {/* CSV import and export (features/imports); the export follows the current view. */}
            <ImportDialog />
            <ExportButton filters={toApiQuery(filters)} />
            <Link href={`/session${filtersToSearch({ ...filters, page: 1 })}`} className={buttonClasses('secondary')}>
              <Play className="size-4" aria-hidden />
              {copy.startSession}
            </Link>
            <Button onClick={dialogs.openCreate}>
              <Plus className="size-4" aria-hidden />
              {copy.newCall}
            </Button>
          </div>
        }
      >
        {t.pages.calls.description}
      </PageIntro>

      <Card className="mb-4 p-4">
        <FilterBar filters={filters} onChange={setFilters} onReset={resetFilters} />
      </Card>

      <QueryState
        query={list}
        errorMessage={copy.loadError}
        isEmpty={(loaded) => loaded.total === 0}
        empty={
          hasFilters ? (
            <EmptyState
              icon={SearchX}
              title={copy.noMatchTitle}
              action={
                <Button variant="secondary" onClick={resetFilters}>
                  {copy.filters.reset}
                </Button>
              }
            >
              {copy.noMatchBody}
            </EmptyState>
          ) : (
            <EmptyState
              icon={PhoneCall}
              title={t.pages.calls.emptyTitle}
              action={
                <Button onClick={dialogs.openCreate}>
                  <Plus className="size-4" aria-hidden />
                  {copy.newCall}
                </Button>
              }
            >
              {t.pages.calls.emptyBody}
            </EmptyState>
          )
        }
        // While the first page loads, the table itself shows placeholder rows.
        loading={<CallsListCard page={undefined} list={list} filters={filters} setFilters={setFilters} />}
      >
        {(loaded) => <CallsListCard page={loaded} list={list} filters={filters} setFilters={setFilters} />}
      </QueryState>
    </>
  );
}

/** The list of the view, its count and its paging; `page` is undefined while the first one loads. */
function CallsListCard({
  page,
  list,
  filters,
  setFilters,
}: {
  page: CallPage | undefined;
  list: { isError: boolean; isFetching: boolean };
  filters: CallFilters;
  setFilters: (change: Partial<CallFilters>) => void;
}) {
  const { t } = useI18n();
  const copy = t.calls;
  return (
    <Card className="overflow-hidden">
      <div className="flex items-center justify-between gap-3 border-b border-slate-100 px-4 py-3 dark:border-night-800">
        <p className="text-sm font-medium text-slate-700 dark:text-slate-300" aria-live="polite">
          {page ? copy.table.count(page.total) : t.common.loading}
        </p>
        {list.isError ? (
          <p role="alert" className="text-sm text-rose-700 dark:text-rose-300">
            {copy.loadError}
          </p>
        ) : null}
      </div>
      <CallsTable
        calls={page?.items ?? []}
        filters={filters}
        onSort={(sort) => setFilters({ sort })}
        isLoading={!page}
        isFetching={list.isFetching}
      />
      {page ? (
        <div className="flex flex-col gap-3 border-t border-slate-100 px-4 py-3 sm:flex-row sm:items-center sm:justify-between dark:border-night-800">
          <Pagination
            className="flex-1"
            page={page.page}
            pageSize={page.pageSize}
            total={page.total}
            onPage={(next) => setFilters({ page: next })}
            labels={copy.pagination}
          />
          <SelectField
            label={copy.filters.pageSize}
            wrapperClassName="flex items-center gap-2 [&_label]:mb-0 [&_label]:whitespace-nowrap"
            className="w-20"
            value={String(filters.pageSize)}
            onChange={(event) => setFilters({ pageSize: Number(event.target.value) })}
            options={PAGE_SIZES.map((size) => ({ value: String(size), label: String(size) }))}
          />
        </div>
      ) : null}
    </Card>
  );
}
