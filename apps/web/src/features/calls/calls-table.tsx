'use client';

import { MoreHorizontal, PhoneCall } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { MenuButton } from '@/components/ui/menu';
import { Skeleton } from '@/components/ui/skeleton';
import { SortableTh, Table, Td, Th, type SortDirection } from '@/components/ui/table';
import { cn } from '@/lib/cn';
import { useFormatter } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import type { Call } from './calls.api';
import { useCallDialogs } from './call-dialogs';
import type { CallFilters, SortField } from './call-filters';
import { contactName, useDomainLabels } from '@/lib/i18n/labels';
import { PhoneLink } from './phone-link';
import { StatusBadge } from '@/components/status-badge';
import { useNow } from '@/lib/use-now';
import * as callsMessages from '@/lib/i18n/messages/calls';
import * as callMessages from '@/lib/i18n/messages/call';
import * as addToListMessages from '@/lib/i18n/messages/add-to-list';

/** Dates read newest first, names from A. */
const FIRST_DIRECTION: Record<SortField, SortDirection> = {
  lastName: 'asc',
  status: 'asc',
  type: 'asc',
  lastCallAt: 'desc',
  nextReminderAt: 'asc',
  createdAt: 'desc',
  attempts: 'desc',
};

function useRowActions(call: Call) {
  const { t } = useI18n({ call: callMessages, calls: callsMessages, addToList: addToListMessages });
  const dialogs = useCallDialogs();
  const name = contactName(call, t.call.unnamed);
  return {
    name,
    log: () =>
      dialogs.openLog({
        callId: call.id,
        name,
        unreachable: call.unreachable,
        unansweredStreak: call.unansweredStreak,
      }),
    menu: [
      { key: 'open', label: t.calls.detail.title, onSelect: () => dialogs.openDetail(call.id) },
      { key: 'edit', label: t.calls.detail.edit, onSelect: () => dialogs.openEdit(call.id) },
      {
        key: 'delete',
        label: t.calls.detail.delete,
        onSelect: () => dialogs.requestDelete({ id: call.id, name, etag: `W/"${call.version}"` }),
      },
    ],
  };
}

const iconButton =
  'inline-flex size-9 items-center justify-center rounded-lg text-slate-500 transition hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-night-800 dark:hover:text-white';

function NextReminder({ at, emptyLabel }: { at: string | null; emptyLabel: string }) {
  const format = useFormatter();
  const now = useNow();
  if (!at) return <span className="text-slate-500 dark:text-slate-400">{emptyLabel}</span>;
  const isOverdue = new Date(at).getTime() < now.getTime();
  return (
    <time
      dateTime={at}
      className={cn(
        'tabular-nums',
        isOverdue ? 'font-medium text-rose-700 dark:text-rose-300' : 'text-slate-700 dark:text-slate-300',
      )}
    >
      {format.dayTime(at)}
    </time>
  );
}

/** Ticked calls (to put on a list): present only when the user leads a list they could go on. */
export interface CallSelection {
  selected: ReadonlySet<string>;
  toggle: (id: string) => void;
  /** Ticks every call of the page, or unticks them all when they all are. */
  togglePage: (ids: readonly string[]) => void;
}

const checkboxClass = 'size-4 cursor-pointer rounded accent-iris-600';

function RowCheckbox({ call, selection }: { call: Call; selection: CallSelection }) {
  const { t } = useI18n({ call: callMessages, calls: callsMessages, addToList: addToListMessages });
  return (
    <input
      type="checkbox"
      className={checkboxClass}
      aria-label={t.addToList.select(contactName(call, t.call.unnamed))}
      checked={selection.selected.has(call.id)}
      onChange={() => selection.toggle(call.id)}
    />
  );
}

/**
 * The calls of the current view, each rendered once: a sortable table from `lg`; below, the same rows
 * laid out as stacked cards (the header row hidden, each row a flex box with its checkbox and actions
 * pinned to its sides). The explicit roles keep the table's semantics where a browser drops them for
 * rows and cells that are not displayed as such (WebKit).
 */
export function CallsTable({
  calls,
  filters,
  onSort,
  isLoading,
  isFetching,
  selection,
}: {
  calls: readonly Call[];
  filters: CallFilters;
  onSort: (sort: CallFilters['sort']) => void;
  isLoading: boolean;
  isFetching: boolean;
  selection?: CallSelection | undefined;
}) {
  const { t } = useI18n({ call: callMessages, calls: callsMessages, addToList: addToListMessages });
  const copy = t.calls.table;
  const [sortField, sortOrder] = filters.sort.split(':') as [SortField, SortDirection];
  const sortProps = (field: SortField, label: string) => ({
    direction: sortField === field ? sortOrder : null,
    sortLabel: copy.sortBy(label),
    onSort: () =>
      onSort(`${field}:${sortField === field ? (sortOrder === 'asc' ? 'desc' : 'asc') : FIRST_DIRECTION[field]}`),
  });

  return (
    <div
      className={cn('relative transition-opacity lg:overflow-x-auto', isFetching && !isLoading && 'opacity-60')}
      aria-busy={isLoading || isFetching}
    >
      <Table role="table" className="max-lg:block">
        <caption className="sr-only">{copy.caption}</caption>
        <thead role="rowgroup" className="max-lg:hidden">
          <tr role="row">
            {selection ? (
              <Th className="w-10">
                <input
                  type="checkbox"
                  className={checkboxClass}
                  aria-label={t.addToList.selectPage}
                  checked={calls.length > 0 && calls.every((call) => selection.selected.has(call.id))}
                  onChange={() => selection.togglePage(calls.map((call) => call.id))}
                />
              </Th>
            ) : null}
            <SortableTh {...sortProps('lastName', copy.contact)}>{copy.contact}</SortableTh>
            <Th>{copy.phone}</Th>
            <SortableTh {...sortProps('status', copy.status)}>{copy.status}</SortableTh>
            <SortableTh {...sortProps('type', copy.type)} className="hidden 2xl:table-cell">
              {copy.type}
            </SortableTh>
            <SortableTh {...sortProps('lastCallAt', copy.lastCall)}>{copy.lastCall}</SortableTh>
            <SortableTh {...sortProps('nextReminderAt', copy.nextReminder)}>{copy.nextReminder}</SortableTh>
            <Th className="text-right">
              <span className="sr-only">{copy.actions}</span>
            </Th>
          </tr>
        </thead>
        <tbody role="rowgroup" className="max-lg:block">
          {isLoading
            ? Array.from({ length: 8 }, (_, index) => (
                <tr key={index} aria-hidden className={cn(cardRow, 'max-lg:pr-4')}>
                  {selection ? <Td className="max-lg:hidden" /> : null}
                  {['w-40', 'w-28', 'w-20', 'w-16', 'w-24', 'w-24', 'w-16'].map((width, cell) => (
                    <Td
                      key={cell}
                      className={cn(
                        cardCell,
                        cell === 3 && 'hidden 2xl:table-cell',
                        cell < 2 ? 'max-lg:basis-full' : 'max-lg:hidden',
                      )}
                    >
                      <Skeleton className={cn('h-4', width, cell === 1 && 'max-lg:h-3.5')} />
                    </Td>
                  ))}
                </tr>
              ))
            : calls.map((call) => <CallRow key={call.id} call={call} selection={selection} />)}
        </tbody>
      </Table>
    </div>
  );
}

/** Below `lg`, a row is a card: its cells flow in a box, the checkbox and the actions pinned aside. */
const cardRow =
  'max-lg:relative max-lg:flex max-lg:flex-wrap max-lg:items-center max-lg:gap-x-3 max-lg:gap-y-1.5 max-lg:border-b max-lg:border-slate-100 max-lg:py-3.5 max-lg:pr-24 max-lg:pl-4 max-lg:last:border-b-0 dark:max-lg:border-night-800';
const cardCell = 'max-lg:border-0 max-lg:p-0';

function CallRow({ call, selection }: { call: Call; selection?: CallSelection | undefined }) {
  const { t } = useI18n({ call: callMessages, calls: callsMessages, addToList: addToListMessages });
  const copy = t.calls.table;
  const labels = useDomainLabels();
  const format = useFormatter();
  const dialogs = useCallDialogs();
  const actions = useRowActions(call);
  /** The column's name, shown in the card only (the table has its header). */
  const cardLabel = (label: string) => <span className="text-slate-500 lg:hidden dark:text-slate-400">{label} </span>;
  return (
    <tr
      role="row"
      className={cn(cardRow, selection && 'max-lg:pl-11', 'transition hover:bg-slate-50/80 dark:hover:bg-night-800/50')}
    >
      {selection ? (
        <Td
          role="cell"
          className={cn(
            cardCell,
            'max-lg:absolute max-lg:top-3.5 max-lg:left-4 max-lg:flex max-lg:h-6 max-lg:items-center',
          )}
        >
          <RowCheckbox call={call} selection={selection} />
        </Td>
      ) : null}
      <Td role="cell" className={cn(cardCell, 'max-w-56 max-lg:max-w-full max-lg:basis-full')}>
        <button
          type="button"
          onClick={() => dialogs.openDetail(call.id)}
          className="block max-w-full truncate text-left font-semibold text-slate-900 hover:text-iris-700 hover:underline dark:text-white dark:hover:text-iris-200"
        >
          {actions.name}
        </button>
        {call.description ? (
          <p className="truncate text-xs text-slate-600 max-lg:hidden dark:text-slate-400">{call.description}</p>
        ) : null}
      </Td>
      <Td role="cell" className={cn(cardCell, 'max-lg:basis-full')}>
        <PhoneLink source={call} callId={call.id} name={actions.name} isFlagged={call.phoneFlagged} />
      </Td>
      <Td role="cell" className={cardCell}>
        <span className="flex flex-wrap items-center gap-1.5">
          <StatusBadge status={call.status} />
          {call.unreachable ? <Badge tone="rose">{t.call.unreachable}</Badge> : null}
        </span>
      </Td>
      <Td role="cell" className="hidden text-slate-700 2xl:table-cell dark:text-slate-300">
        {labels.type(call.type)}
      </Td>
      <Td
        role="cell"
        className={cn(cardCell, 'whitespace-nowrap text-slate-700 tabular-nums max-lg:text-xs dark:text-slate-300')}
      >
        {cardLabel(copy.lastCall)}
        {call.lastCallAt ? (
          <time dateTime={call.lastCallAt}>{format.dayTime(call.lastCallAt)}</time>
        ) : (
          <span className="text-slate-500 dark:text-slate-400">{copy.never}</span>
        )}
      </Td>
      {/* The card leaves out a callback there is none of; the table says so. */}
      <Td
        role="cell"
        className={cn(cardCell, 'whitespace-nowrap max-lg:text-xs', !call.nextReminderAt && 'max-lg:hidden')}
      >
        {cardLabel(copy.nextReminder)}
        <NextReminder at={call.nextReminderAt} emptyLabel={copy.none} />
      </Td>
      <Td
        role="cell"
        className={cn(
          cardCell,
          'text-right whitespace-nowrap max-lg:absolute max-lg:top-2.5 max-lg:right-4 max-lg:flex',
        )}
      >
        <button
          type="button"
          className={iconButton}
          onClick={actions.log}
          aria-label={t.call.logCall(actions.name)}
          title={t.call.logCall(actions.name)}
        >
          <PhoneCall className="size-4" aria-hidden />
        </button>
        <MenuButton
          label={copy.moreActions(actions.name)}
          isIconOnly
          align="right"
          items={actions.menu}
          triggerClassName={iconButton}
        >
          <MoreHorizontal className="size-4" aria-hidden />
        </MenuButton>
      </Td>
    </tr>
  );
}
