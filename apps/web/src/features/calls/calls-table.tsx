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
  const { t } = useI18n({ calls: callsMessages, addToList: addToListMessages });
  const dialogs = useCallDialogs();
  const name = contactName(call, t.calls.unnamed);
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
  const { t } = useI18n({ calls: callsMessages, addToList: addToListMessages });
  return (
    <input
      type="checkbox"
      className={checkboxClass}
      aria-label={t.addToList.select(contactName(call, t.calls.unnamed))}
      checked={selection.selected.has(call.id)}
      onChange={() => selection.toggle(call.id)}
    />
  );
}

/** The calls of the current view: a sortable table from `lg`, stacked cards below. */
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
  const { t } = useI18n({ calls: callsMessages, addToList: addToListMessages });
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
      className={cn('transition-opacity', isFetching && !isLoading && 'opacity-60')}
      aria-busy={isLoading || isFetching}
    >
      <div className="relative hidden overflow-x-auto lg:block">
        <Table>
          <caption className="sr-only">{copy.caption}</caption>
          <thead>
            <tr>
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
          <tbody>
            {isLoading
              ? Array.from({ length: 8 }, (_, index) => (
                  <tr key={index} aria-hidden>
                    {selection ? <Td /> : null}
                    {['w-40', 'w-28', 'w-20', 'w-16', 'w-24', 'w-24', 'w-16'].map((width, cell) => (
                      <Td key={cell} className={cell === 3 ? 'hidden 2xl:table-cell' : undefined}>
                        <Skeleton className={cn('h-4', width)} />
                      </Td>
                    ))}
                  </tr>
                ))
              : calls.map((call) => <CallRow key={call.id} call={call} selection={selection} />)}
          </tbody>
        </Table>
      </div>
      <ul className="divide-y divide-slate-100 lg:hidden dark:divide-night-800">
        {isLoading
          ? Array.from({ length: 6 }, (_, index) => (
              <li key={index} className="space-y-2 px-4 py-4" aria-hidden>
                <Skeleton className="h-4 w-1/2" />
                <Skeleton className="h-3.5 w-1/3" />
              </li>
            ))
          : calls.map((call) => <CallCard key={call.id} call={call} selection={selection} />)}
      </ul>
    </div>
  );
}

function CallRow({ call, selection }: { call: Call; selection?: CallSelection | undefined }) {
  const { t } = useI18n({ calls: callsMessages, addToList: addToListMessages });
  const copy = t.calls.table;
  const labels = useDomainLabels();
  const format = useFormatter();
  const dialogs = useCallDialogs();
  const actions = useRowActions(call);
  return (
    <tr className="group transition hover:bg-slate-50/80 dark:hover:bg-night-800/50">
      {selection ? (
        <Td>
          <RowCheckbox call={call} selection={selection} />
        </Td>
      ) : null}
      <Td className="max-w-56">
        <button
          type="button"
          onClick={() => dialogs.openDetail(call.id)}
          className="block max-w-full truncate text-left font-semibold text-slate-900 hover:text-iris-700 hover:underline dark:text-white dark:hover:text-iris-200"
        >
          {actions.name}
        </button>
        {call.description ? (
          <p className="truncate text-xs text-slate-600 dark:text-slate-400">{call.description}</p>
        ) : null}
      </Td>
      <Td>
        <PhoneLink source={call} callId={call.id} name={actions.name} isFlagged={call.phoneFlagged} />
      </Td>
      <Td>
        <span className="flex flex-wrap items-center gap-1.5">
          <StatusBadge status={call.status} />
          {call.unreachable ? <Badge tone="rose">{t.calls.unreachable}</Badge> : null}
        </span>
      </Td>
      <Td className="hidden text-slate-700 2xl:table-cell dark:text-slate-300">{labels.type(call.type)}</Td>
      <Td className="whitespace-nowrap text-slate-700 tabular-nums dark:text-slate-300">
        {call.lastCallAt ? (
          <time dateTime={call.lastCallAt}>{format.dayTime(call.lastCallAt)}</time>
        ) : (
          <span className="text-slate-500 dark:text-slate-400">{copy.never}</span>
        )}
      </Td>
      <Td className="whitespace-nowrap">
        <NextReminder at={call.nextReminderAt} emptyLabel={copy.none} />
      </Td>
      <Td className="text-right whitespace-nowrap">
        <button
          type="button"
          className={iconButton}
          onClick={actions.log}
          aria-label={copy.logCall(actions.name)}
          title={copy.logCall(actions.name)}
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

function CallCard({ call, selection }: { call: Call; selection?: CallSelection | undefined }) {
  const { t } = useI18n({ calls: callsMessages, addToList: addToListMessages });
  const copy = t.calls.table;
  const format = useFormatter();
  const dialogs = useCallDialogs();
  const actions = useRowActions(call);
  return (
    <li className="flex items-start gap-3 px-4 py-3.5">
      {selection ? (
        <span className="flex h-6 shrink-0 items-center">
          <RowCheckbox call={call} selection={selection} />
        </span>
      ) : null}
      <div className="min-w-0 flex-1 space-y-1.5">
        <button
          type="button"
          onClick={() => dialogs.openDetail(call.id)}
          className="block max-w-full truncate text-left font-semibold text-slate-900 dark:text-white"
        >
          {actions.name}
        </button>
        <PhoneLink
          source={call}
          callId={call.id}
          name={actions.name}
          isFlagged={call.phoneFlagged}
          className="text-sm"
        />
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600 dark:text-slate-400">
          <StatusBadge status={call.status} />
          {call.unreachable ? <Badge tone="rose">{t.calls.unreachable}</Badge> : null}
          <span>
            <span className="text-slate-500 dark:text-slate-400">{copy.lastCall}</span>{' '}
            <span className="text-slate-700 dark:text-slate-300">
              {call.lastCallAt ? format.dayTime(call.lastCallAt) : copy.never}
            </span>
          </span>
          {call.nextReminderAt ? (
            <span>
              <span className="text-slate-500 dark:text-slate-400">{copy.nextReminder}</span>{' '}
              <NextReminder at={call.nextReminderAt} emptyLabel={copy.none} />
            </span>
          ) : null}
        </div>
      </div>
      <div className="flex shrink-0 items-center">
        <button
          type="button"
          className={iconButton}
          onClick={actions.log}
          aria-label={copy.logCall(actions.name)}
          title={copy.logCall(actions.name)}
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
      </div>
    </li>
  );
}
