'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { ArrowLeft, Headset, Play, SearchX, UsersRound } from 'lucide-react';
import { CALL_STATUSES } from '@ct/contracts/enums';
import { LoadError } from '@/components/query-state';
import { STATUS_TONES } from '@/components/status-badge';
import { BADGE_DOTS, Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { SkeletonRows } from '@/components/ui/skeleton';
import { Table, Td, Th } from '@/components/ui/table';
import { ApiError } from '@/lib/api';
import { cn } from '@/lib/cn';
import { useFormatter } from '@/lib/format/use-formatter';
import { useI18n } from '@/lib/i18n';
import { contactName, useDomainLabels } from '@/lib/i18n/labels';
import { ListActions, ListProgress } from './list-actions';
import { ListCallsCard } from './list-calls-card';
import type { TeamListDetail } from './lists.api';
import { listQueries } from './lists.queries';
import * as callMessages from '@/lib/i18n/messages/call';
import * as listsMessages from '@/lib/i18n/messages/lists';

/** A malformed id (400) or a list of a team the viewer is not in (404) are the same "no such list". */
const isMissing = (error: unknown) => error instanceof ApiError && (error.status === 404 || error.status === 400);

/** /lists/[id]: a list's progress, who is on it now, and its contacts with their assignee. */
export function ListPage({ id }: { id: string }) {
  const { t } = useI18n({ call: callMessages, lists: listsMessages });
  const copy = t.lists.detail;
  const query = useQuery({ ...listQueries.detail(id), retry: (count, error) => !isMissing(error) && count < 2 });

  const back = (
    <Link href="/lists" className={buttonClasses('ghost', 'md', 'mb-4 -ml-2')}>
      <ArrowLeft className="size-4" aria-hidden />
      {copy.back}
    </Link>
  );
  if (!query.data) {
    return (
      <>
        {back}
        {query.isError ? (
          isMissing(query.error) ? (
            <EmptyState icon={SearchX} title={copy.notFoundTitle}>
              {copy.notFoundBody}
            </EmptyState>
          ) : (
            <LoadError message={copy.loadError} onRetry={() => void query.refetch()} />
          )
        ) : (
          <Card className="p-4" aria-busy="true">
            <SkeletonRows rows={6} />
          </Card>
        )}
      </>
    );
  }
  return (
    <>
      {back}
      <ListDetail list={query.data} />
    </>
  );
}

function ListDetail({ list }: { list: TeamListDetail }) {
  const { t } = useI18n({ call: callMessages, lists: listsMessages });
  const copy = t.lists.detail;
  const isArchived = list.archivedAt !== null;
  return (
    <div className="space-y-6">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <h2 className="truncate text-xl font-semibold text-slate-900 dark:text-white">{list.name}</h2>
          <p className="mt-1 flex items-center gap-1.5 text-sm font-medium text-slate-700 dark:text-slate-300">
            <UsersRound className="size-4 shrink-0 text-iris-600 dark:text-orchid-300" aria-hidden />
            <span className="sr-only">{copy.team}</span>
            <span className="truncate">{list.teamName}</span>
          </p>
          <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">
            {t.lists.settings(list.cooldownMinutes, list.maxAttempts)}
          </p>
        </div>
        <div className="flex shrink-0 items-center gap-2">
          {isArchived ? null : (
            <Link href={`/session?listId=${list.id}`} className={buttonClasses('primary')}>
              <Play className="size-4" aria-hidden />
              {copy.startSession}
            </Link>
          )}
          {list.canEdit ? <ListActions list={list} /> : null}
        </div>
      </div>
      {isArchived ? (
        <p className="rounded-xl bg-slate-100 px-4 py-3 text-sm text-slate-700 dark:bg-night-800 dark:text-slate-300">
          {copy.archivedNote}
        </p>
      ) : null}

      <Card className="p-4 sm:p-5">
        <dl className="grid grid-cols-3 gap-3">
          {(
            [
              ['total', list.progress.total],
              ['remaining', list.progress.remaining],
              ['done', list.progress.done],
            ] as const
          ).map(([key, value]) => (
            <div key={key}>
              <dt className="text-xs font-medium text-slate-600 dark:text-slate-400">{copy[key]}</dt>
              <dd className="mt-1 text-2xl font-semibold text-slate-900 tabular-nums dark:text-white">{value}</dd>
            </div>
          ))}
        </dl>
        <div className="mt-4">
          <ListProgress list={list} />
        </div>
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <LiveCard list={list} />
        <OutcomesCard list={list} />
      </div>
      <MembersCard list={list} />
      <ListCallsCard list={list} />
    </div>
  );
}

function SectionCard({ title, children, className }: { title: string; children: React.ReactNode; className?: string }) {
  const id = `list-section-${title.replace(/\W+/g, '-')}`;
  return (
    <Card className={cn('overflow-hidden', className)} aria-labelledby={id}>
      <h3
        id={id}
        className="border-b border-slate-100 px-4 py-3 text-sm font-semibold text-slate-900 sm:px-5 dark:border-night-800 dark:text-white"
      >
        {title}
      </h3>
      {children}
    </Card>
  );
}

function LiveCard({ list }: { list: TeamListDetail }) {
  const { t } = useI18n({ call: callMessages, lists: listsMessages });
  const copy = t.lists.detail;
  const format = useFormatter();
  const live = list.live;
  return (
    <SectionCard title={copy.live}>
      {live.length === 0 ? (
        <p className="px-4 py-4 text-sm text-slate-600 sm:px-5 dark:text-slate-400">{copy.nobodyLive}</p>
      ) : (
        <ul className="divide-y divide-slate-100 dark:divide-night-800">
          {live.map((entry) => (
            <li key={`${entry.userId}-${entry.callId}`} className="flex items-center gap-3 px-4 py-3 sm:px-5">
              <span className="relative flex size-2.5 shrink-0" aria-hidden>
                <span className="absolute inline-flex size-full animate-ping rounded-full bg-emerald-400 opacity-60 motion-reduce:animate-none" />
                <span className="relative inline-flex size-2.5 rounded-full bg-emerald-500" />
              </span>
              <Headset className="size-4 shrink-0 text-slate-400" aria-hidden />
              <span className="min-w-0 flex-1 truncate text-sm text-slate-800 dark:text-slate-200">
                {copy.liveOn(entry.name, contactName(entry, t.call.unnamed))}
              </span>
              <time
                dateTime={entry.expiresAt}
                className="shrink-0 text-xs text-slate-600 tabular-nums dark:text-slate-400"
              >
                {copy.liveUntil(format.time(entry.expiresAt))}
              </time>
            </li>
          ))}
        </ul>
      )}
    </SectionCard>
  );
}

function OutcomesCard({ list }: { list: TeamListDetail }) {
  const { t } = useI18n({ call: callMessages, lists: listsMessages });
  const copy = t.lists.detail;
  const labels = useDomainLabels();
  const entries = CALL_STATUSES.map((status) => [status, list.progress.byOutcome[status] ?? 0] as const).filter(
    ([status, count]) => count > 0 && status !== 'to_call',
  );
  const max = Math.max(1, ...entries.map(([, count]) => count));
  return (
    <SectionCard title={copy.outcomes}>
      {entries.length === 0 ? (
        <p className="px-4 py-4 text-sm text-slate-600 sm:px-5 dark:text-slate-400">{copy.noOutcome}</p>
      ) : (
        <ul className="space-y-2.5 px-4 py-4 sm:px-5">
          {entries.map(([status, count]) => (
            <li key={status} className="grid grid-cols-[8rem_minmax(0,1fr)_2.5rem] items-center gap-3 text-sm">
              <Badge tone={STATUS_TONES[status]} hasDot className="justify-self-start">
                {labels.status(status)}
              </Badge>
              <span className="h-2 overflow-hidden rounded-full bg-slate-100 dark:bg-night-800" aria-hidden>
                <span
                  className={cn('block h-full rounded-full', BADGE_DOTS[STATUS_TONES[status]])}
                  style={{ width: `${Math.round((count / max) * 100)}%` }}
                />
              </span>
              <span className="text-right font-medium text-slate-900 tabular-nums dark:text-white">{count}</span>
            </li>
          ))}
        </ul>
      )}
    </SectionCard>
  );
}

function MembersCard({ list }: { list: TeamListDetail }) {
  const { t } = useI18n({ call: callMessages, lists: listsMessages });
  const copy = t.lists.detail;
  const members = list.progress.byMember;
  return (
    <SectionCard title={copy.byMember}>
      {members.length === 0 ? (
        <p className="px-4 py-4 text-sm text-slate-600 sm:px-5 dark:text-slate-400">{copy.noMember}</p>
      ) : (
        // Three short columns: the headings wrap on a phone rather than make the table scroll.
        <div>
          <Table>
            <caption className="sr-only">{copy.byMember}</caption>
            <thead>
              <tr>
                <Th>{copy.member}</Th>
                <Th className="text-right whitespace-normal">{copy.attempts}</Th>
                <Th className="text-right whitespace-normal">{copy.assigned}</Th>
              </tr>
            </thead>
            <tbody>
              {members.map((member) => (
                <tr key={member.userId}>
                  <Td className="max-w-[10rem] truncate font-medium text-slate-900 sm:max-w-none dark:text-white">
                    {member.name}
                  </Td>
                  <Td className="text-right tabular-nums">{member.attempts}</Td>
                  <Td className="text-right tabular-nums">{member.assigned}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </SectionCard>
  );
}
