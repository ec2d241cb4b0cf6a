'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ListPlus, PhoneCall, Play, Plus, SearchX } from 'lucide-react';
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
import type { AddToListSource } from '@/features/lists/add-to-list-dialog';
import { useFillableLists } from '@/features/lists/use-fillable-lists';
import { api } from '@/lib/api';
import { filtersToSearch, isFiltered, PAGE_SIZES, toApiQuery, type CallFilters } from './call-filters';
import type { CallPage } from './calls.api';
import { callQueries, fetchCalls } from './calls.queries';
import { CallsTable, type CallSelection } from './calls-table';
import { FilterBar } from './filter-bar';
import { useCallFilters } from './use-call-filters';
import * as callsMessages from '@/lib/i18n/messages/calls';
import * as callMessages from '@/lib/i18n/messages/call';
import * as addToListMessages from '@/lib/i18n/messages/add-to-list';

// Loads when calls are being added to a list, not with the page.
const AddToListDialog = dynamic(
  () => import('@/features/lists/add-to-list-dialog').then((module) => module.AddToListDialog),
  { ssr: false },
);

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
  const { t } = useI18n({ call: callMessages, calls: callsMessages, addToList: addToListMessages });
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
  const listTools = useAddToList(filters);

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
        {(loaded) => (
          <CallsListCard page={loaded} list={list} filters={filters} setFilters={setFilters} listTools={listTools} />
        )}
      </QueryState>
      {listTools.source ? (
        <AddToListDialog
          source={listTools.source}
          onClose={listTools.closeDialog}
          onAdded={() => {
            listTools.closeDialog();
            listTools.clear();
          }}
        />
      ) : null}
    </>
  );
}

/** The API's page size at most: "all filtered" reads the view in pages this big. */
const COLLECT_PAGE_SIZE = 100;

/**
 * Putting calls on a team list: the ticked calls, or every call of the current filter (up to the API's
 * limit per request, read page by page). Only for a user who may fill an open list.
 */
function useAddToList(filters: CallFilters) {
  const fillable = useFillableLists();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [source, setSource] = useState<AddToListSource | null>(null);
  const canFill = (fillable.data?.length ?? 0) > 0;

  const selection = useMemo<CallSelection | undefined>(() => {
    if (!canFill) return undefined;
    return {
      selected,
      toggle: (id) =>
        setSelected((current) => {
          const next = new Set(current);
          if (next.has(id)) next.delete(id);
          else next.add(id);
          return next;
        }),
      togglePage: (ids) =>
        setSelected((current) => {
          const next = new Set(current);
          const isAllTicked = ids.every((id) => next.has(id));
          for (const id of ids) {
            if (isAllTicked) next.delete(id);
            else next.add(id);
          }
          return next;
        }),
    };
  }, [canFill, selected]);

  const collect = async (max: number, onProgress: (count: number) => void) => {
    const ids: string[] = [];
    for (let page = 1; ids.length < max; page += 1) {
      const result = await fetchCalls(api, { ...filters, page, pageSize: COLLECT_PAGE_SIZE });
      ids.push(...result.items.map((call) => call.id));
      onProgress(Math.min(ids.length, max));
      if (result.items.length < COLLECT_PAGE_SIZE || page * COLLECT_PAGE_SIZE >= result.total) break;
    }
    return ids.slice(0, max);
  };

  return {
    selection,
    source,
    addSelection: () => setSource({ kind: 'selection', callIds: [...selected] }),
    addFiltered: (total: number) => setSource({ kind: 'filtered', total, collect }),
    closeDialog: () => setSource(null),
    clear: () => setSelected(new Set()),
  };
}

type ListTools = ReturnType<typeof useAddToList>;

/** "3 sélectionnés · Ajouter à une liste · Ajouter les 120 résultats à une liste". */
function ListToolbar({ tools, total }: { tools: ListTools; total: number }) {
  const { t } = useI18n({ call: callMessages, calls: callsMessages, addToList: addToListMessages });
  const copy = t.addToList;
  const count = tools.selection?.selected.size ?? 0;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {count ? (
        <>
          <span className="text-sm text-slate-700 dark:text-slate-300">{copy.selected(count)}</span>
          <Button variant="ghost" onClick={tools.clear}>
            {copy.clear}
          </Button>
        </>
      ) : null}
      <Button variant="secondary" disabled={count === 0} onClick={tools.addSelection}>
        <ListPlus className="size-4" aria-hidden />
        {copy.addSelection}
      </Button>
      <Button variant="ghost" disabled={total === 0} onClick={() => tools.addFiltered(total)}>
        {copy.addFiltered(total)}
      </Button>
    </div>
  );
}

/** The list of the view, its count and its paging; `page` is undefined while the first one loads. */
function CallsListCard({
  page,
  list,
  filters,
  setFilters,
  listTools,
}: {
  page: CallPage | undefined;
  list: { isError: boolean; isFetching: boolean };
  filters: CallFilters;
  setFilters: (change: Partial<CallFilters>) => void;
  listTools?: ListTools;
}) {
  const { t } = useI18n({ call: callMessages, calls: callsMessages, addToList: addToListMessages });
  const copy = t.calls;
  return (
    <Card className="overflow-hidden">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-100 px-4 py-3 dark:border-night-800">
        <p className="text-sm font-medium text-slate-700 dark:text-slate-300" aria-live="polite">
          {page ? copy.table.count(page.total, page.totalExact) : t.common.loading}
        </p>
        {page && listTools?.selection ? <ListToolbar tools={listTools} total={page.total} /> : null}
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
        selection={listTools?.selection}
      />
      {page ? (
        <div className="flex flex-col gap-3 border-t border-slate-100 px-4 py-3 sm:flex-row sm:items-center sm:justify-between dark:border-night-800">
          <Pagination
            className="flex-1"
            page={page.page}
            pageSize={page.pageSize}
            total={page.total}
            onPage={(next) => setFilters({ page: next })}
            labels={t.call.pagination}
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
