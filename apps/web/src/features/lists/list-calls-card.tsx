'use client';

import { useState } from 'react';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ListX, PhoneCall, UserCheck } from 'lucide-react';
import { teamQueries } from '@/features/teams/teams.queries';
import { QueryState } from '@/components/query-state';
import { StatusBadge } from '@/components/status-badge';
import { Button, buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { SelectField } from '@/components/ui/field';
import { Pagination } from '@/components/ui/pagination';
import { SkeletonRows } from '@/components/ui/skeleton';
import { Table, Td, Th } from '@/components/ui/table';
import { cn } from '@/lib/cn';
import { useFormatter } from '@/lib/format/use-formatter';
import { useI18n } from '@/lib/i18n';
import { contactName } from '@/lib/i18n/labels';
import { pageParam, useUrlParams } from '@/lib/use-url-params';
import type { TeamListDetail } from './lists.api';
import { LIST_CALLS_PAGE_SIZE, listQueries } from './lists.queries';
import * as callMessages from '@/lib/i18n/messages/call';
import * as listsMessages from '@/lib/i18n/messages/lists';

// The dialogs load when first opened, not with the page.
const AssignDialog = dynamic(() => import('./assign-dialog').then((module) => module.AssignDialog), { ssr: false });
const RemoveDialog = dynamic(() => import('./remove-dialog').then((module) => module.RemoveDialog), { ssr: false });

const checkbox = 'size-4 cursor-pointer rounded accent-iris-600';

/**
 * The list's contacts, a page at a time, with their assignee; a lead selects some and assigns them, or
 * takes them off the list.
 */
export function ListCallsCard({ list }: { list: TeamListDetail }) {
  const { t } = useI18n({ call: callMessages, lists: listsMessages });
  const copy = t.lists.calls;
  const format = useFormatter();
  const { params, update } = useUrlParams();
  const page = pageParam(params.get('page'));
  const assignee = params.get('assignee') ?? '';
  const calls = useQuery({ ...listQueries.calls(list.id, page, assignee), placeholderData: keepPreviousData });
  const team = useQuery(teamQueries.detail(list.teamId));
  const members = team.data?.members ?? [];
  const names = new Map(members.map((member) => [member.userId, member.name]));
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [isAssigning, setIsAssigning] = useState(false);
  const [isRemoving, setIsRemoving] = useState(false);
  const canAssign = list.canEdit;

  const pageIds = calls.data?.items.map((call) => call.id) ?? [];
  const isPageSelected = pageIds.length > 0 && pageIds.every((id) => selected.has(id));
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Card className="overflow-hidden" aria-labelledby="list-calls-title">
      <div className="flex flex-col gap-3 border-b border-slate-100 px-4 py-3 sm:flex-row sm:items-center sm:justify-between sm:px-5 dark:border-night-800">
        <div>
          <h3 id="list-calls-title" className="text-sm font-semibold text-slate-900 dark:text-white">
            {copy.title}
          </h3>
          <p className="text-xs text-slate-600 dark:text-slate-400" aria-live="polite">
            {calls.data ? copy.count(calls.data.total, calls.data.totalExact) : t.common.loading}
            {selected.size ? ` · ${copy.selected(selected.size)}` : ''}
          </p>
        </div>
        <div className="flex flex-wrap items-end gap-2">
          <SelectField
            label={copy.assigneeFilter}
            wrapperClassName="flex items-center gap-2 [&_label]:mb-0 [&_label]:whitespace-nowrap"
            className="w-44"
            value={assignee}
            onChange={(event) => {
              setSelected(new Set());
              update({ assignee: event.target.value, page: null });
            }}
            options={[
              { value: '', label: copy.anyAssignee },
              ...members.map((member) => ({ value: member.userId, label: member.name })),
            ]}
          />
          {canAssign ? (
            <div className="flex flex-wrap gap-2">
              {selected.size ? (
                <Button variant="ghost" onClick={() => setSelected(new Set())}>
                  {copy.clear}
                </Button>
              ) : null}
              <Button variant="secondary" disabled={selected.size === 0} onClick={() => setIsAssigning(true)}>
                <UserCheck className="size-4" aria-hidden />
                {copy.assign}
              </Button>
              <Button variant="danger-ghost" disabled={selected.size === 0} onClick={() => setIsRemoving(true)}>
                <ListX className="size-4" aria-hidden />
                {copy.remove}
              </Button>
            </div>
          ) : null}
        </div>
      </div>
      <QueryState
        query={calls}
        variant="section"
        errorMessage={copy.loadError}
        loading={
          <div className="p-4" aria-busy="true">
            <SkeletonRows rows={5} />
          </div>
        }
        isEmpty={(data) => data.total === 0}
        empty={
          assignee ? (
            <p className="px-5 py-6 text-sm text-slate-600 dark:text-slate-400">{copy.noneAssigned}</p>
          ) : (
            <EmptyState
              icon={PhoneCall}
              title={copy.emptyTitle}
              action={
                <Link href="/calls" className={buttonClasses('secondary')}>
                  {copy.toCalls}
                </Link>
              }
            >
              {copy.emptyBody}
            </EmptyState>
          )
        }
      >
        {(data) => (
          <>
            <div className={cn('relative overflow-x-auto transition-opacity', calls.isFetching && 'opacity-60')}>
              <Table aria-busy={calls.isFetching}>
                <caption className="sr-only">{copy.caption}</caption>
                <thead>
                  <tr>
                    {canAssign ? (
                      <Th className="w-10">
                        <input
                          type="checkbox"
                          className={checkbox}
                          aria-label={copy.selectAll}
                          checked={isPageSelected}
                          onChange={() =>
                            setSelected((current) => {
                              const next = new Set(current);
                              for (const id of pageIds) {
                                if (isPageSelected) next.delete(id);
                                else next.add(id);
                              }
                              return next;
                            })
                          }
                        />
                      </Th>
                    ) : null}
                    <Th>{copy.contact}</Th>
                    <Th className="hidden sm:table-cell">{copy.phone}</Th>
                    <Th className="hidden sm:table-cell">{copy.status}</Th>
                    <Th className="hidden text-right md:table-cell">{copy.attempts}</Th>
                    <Th className="hidden lg:table-cell">{copy.lastCall}</Th>
                    <Th>{copy.assignee}</Th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((call) => {
                    const name = contactName(call, t.call.unnamed);
                    return (
                      <tr key={call.id} className="hover:bg-slate-50/70 dark:hover:bg-night-800/40">
                        {canAssign ? (
                          <Td>
                            <input
                              type="checkbox"
                              className={checkbox}
                              aria-label={copy.select(name)}
                              checked={selected.has(call.id)}
                              onChange={() => toggle(call.id)}
                            />
                          </Td>
                        ) : null}
                        <Td className="max-w-[10rem] sm:max-w-[14rem]">
                          <p className="truncate font-medium text-slate-900 dark:text-white">{name}</p>
                          {/* On a phone the status sits under the name: the table stays within the screen. */}
                          <StatusBadge status={call.status} className="mt-1 sm:hidden" />
                        </Td>
                        <Td className="hidden whitespace-nowrap text-slate-700 tabular-nums sm:table-cell dark:text-slate-300">
                          {call.phoneNational}
                        </Td>
                        <Td className="hidden sm:table-cell">
                          <StatusBadge status={call.status} />
                        </Td>
                        <Td className="hidden text-right tabular-nums md:table-cell">{call.attempts}</Td>
                        <Td className="hidden whitespace-nowrap text-slate-700 lg:table-cell dark:text-slate-300">
                          {call.lastCallAt ? format.dayTime(call.lastCallAt) : copy.never}
                        </Td>
                        <Td className="max-w-[8rem] truncate text-slate-700 sm:max-w-[12rem] dark:text-slate-300">
                          {call.assigneeId ? (
                            (names.get(call.assigneeId) ?? '…')
                          ) : (
                            <span className="text-slate-500 dark:text-slate-400">{copy.nobody}</span>
                          )}
                        </Td>
                      </tr>
                    );
                  })}
                </tbody>
              </Table>
            </div>
            <Pagination
              className="border-t border-slate-100 px-4 py-3 dark:border-night-800"
              page={page}
              pageSize={LIST_CALLS_PAGE_SIZE}
              total={data.total}
              onPage={(next) => {
                setSelected(new Set());
                update({ page: next === 1 ? null : String(next) });
              }}
              labels={t.call.pagination}
            />
          </>
        )}
      </QueryState>
      {isAssigning ? (
        <AssignDialog
          listId={list.id}
          callIds={[...selected]}
          members={members}
          onClose={() => setIsAssigning(false)}
          onAssigned={() => {
            setIsAssigning(false);
            setSelected(new Set());
          }}
        />
      ) : null}
      {isRemoving ? (
        <RemoveDialog
          listId={list.id}
          callIds={[...selected]}
          onClose={() => setIsRemoving(false)}
          onRemoved={() => {
            setIsRemoving(false);
            setSelected(new Set());
          }}
        />
      ) : null}
    </Card>
  );
}
