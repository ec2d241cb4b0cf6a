'use client';

import { useState } from 'react';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { AlarmClock, CalendarCheck, PhoneCall } from 'lucide-react';
import { OUTCOMES, contactName, useDomainLabels, type Outcome } from '@/lib/i18n/labels';
import { BADGE_DOTS } from '@/components/ui/badge';
import { QueryState } from '@/components/query-state';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageIntro } from '@/components/ui/page-intro';
import { Skeleton, SkeletonRows } from '@/components/ui/skeleton';
import { CallDialogsProvider, useCallDialogs } from '@/features/calls/call-dialogs';
import { PhoneLink } from '@/features/calls/phone-link';
import { STATUS_TONES, StatusBadge } from '@/components/status-badge';
import { cn } from '@/lib/cn';
import { localParts, pad2, useFormatter } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { todayReportQuery, type TodayAttempt, type TodayReport } from './today.queries';
import * as callMessages from '@/lib/i18n/messages/call';
import * as todayMessages from '@/lib/i18n/messages/today';

export function TodayPage() {
  return (
    <CallDialogsProvider>
      <TodayView />
    </CallDialogsProvider>
  );
}

/** Attempts grouped by their local hour, in the order given (newest first). */
function groupByHour(attempts: readonly TodayAttempt[], zone: string) {
  const groups: { hour: number; attempts: TodayAttempt[] }[] = [];
  for (const attempt of attempts) {
    const hour = localParts(new Date(attempt.occurredAt), zone).hour;
    const last = groups.at(-1);
    if (last && last.hour === hour) last.attempts.push(attempt);
    else groups.push({ hour, attempts: [attempt] });
  }
  return groups;
}

function TodayView() {
  const { t } = useI18n({ call: callMessages, today: todayMessages });
  const copy = t.today;
  const format = useFormatter();
  const report = useQuery({ ...todayReportQuery(), refetchInterval: 60_000 });

  return (
    <>
      <PageIntro
        actions={
          report.data ? (
            <span className="text-sm font-medium text-slate-700 first-letter:uppercase dark:text-slate-300">
              {format.longIsoDay(report.data.date)}
            </span>
          ) : null
        }
      >
        {t.pages.today.description}
      </PageIntro>

      <QueryState
        query={report}
        errorMessage={copy.loadError}
        loading={
          <div aria-busy="true" className="space-y-4">
            <span className="sr-only">{t.common.loading}</span>
            <Card className="p-5">
              <Skeleton className="mb-4 h-6 w-48" />
              <div className="flex flex-wrap gap-2">
                {OUTCOMES.map((status) => (
                  <Skeleton key={status} className="h-8 w-28 rounded-full" />
                ))}
              </div>
            </Card>
            <Card className="p-5">
              <SkeletonRows rows={6} />
            </Card>
          </div>
        }
      >
        {(data) => <TodayReportView report={data} />}
      </QueryState>
    </>
  );
}

/** The day's figures, the outcome filter, and the attempts hour by hour. */
function TodayReportView({ report }: { report: TodayReport }) {
  const { t } = useI18n({ call: callMessages, today: todayMessages });
  const copy = t.today;
  const format = useFormatter();
  const labels = useDomainLabels();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const attempts = report.attempts.filter((attempt) => outcome === null || attempt.status === outcome);
  const groups = groupByHour(attempts, format.zone);
  return (
    <div className="space-y-4">
      <Card className="p-5">
        <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
          <p className="text-2xl font-bold tracking-tight text-slate-900 dark:text-white">
            {copy.total(report.attempts.length)}
          </p>
          <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600 dark:text-slate-400">
            <AlarmClock className="size-4 text-iris-600 dark:text-iris-300" aria-hidden />
            {copy.remindersLeft(report.reminders.length)}
            {report.reminders.length > 0 ? (
              <Link href="/reminders" className="font-semibold text-iris-700 hover:underline dark:text-iris-200">
                {copy.seeReminders}
              </Link>
            ) : null}
          </p>
        </div>
        <div role="group" aria-label={copy.countsLabel} className="mt-4 flex flex-wrap gap-2">
          {OUTCOMES.map((status) => {
            const count = report.counts[status] ?? 0;
            const isActive = outcome === status;
            return (
              <button
                key={status}
                type="button"
                aria-pressed={isActive}
                disabled={count === 0 && !isActive}
                onClick={() => setOutcome(isActive ? null : status)}
                className={cn(
                  'inline-flex items-center gap-2 rounded-full border px-3 py-1.5 text-sm transition disabled:cursor-default disabled:opacity-55',
                  isActive
                    ? 'border-iris-600 bg-iris-600 text-white'
                    : 'border-slate-200 bg-white text-slate-700 hover:border-iris-300 dark:border-night-700 dark:bg-night-800 dark:text-slate-200',
                )}
              >
                <span className={cn('size-2 rounded-full', BADGE_DOTS[STATUS_TONES[status]])} aria-hidden />
                {labels.status(status)}
                <span className="font-semibold tabular-nums">{count}</span>
              </button>
            );
          })}
          {outcome ? (
            <button
              type="button"
              onClick={() => setOutcome(null)}
              className="px-2 text-sm font-medium text-iris-700 hover:underline dark:text-iris-200"
            >
              {copy.showAll}
            </button>
          ) : null}
        </div>
      </Card>

      {report.attempts.length === 0 ? (
        <EmptyState
          icon={CalendarCheck}
          title={t.pages.today.emptyTitle}
          action={
            <Link href="/calls" className={buttonClasses('primary')}>
              {t.pages.today.emptyAction}
            </Link>
          }
        >
          {t.pages.today.emptyBody}
        </EmptyState>
      ) : attempts.length === 0 ? (
        <Card className="px-6 py-10 text-center text-sm text-slate-600 dark:text-slate-400">{copy.noMatch}</Card>
      ) : (
        <div aria-label={copy.listLabel} role="region" className="space-y-4">
          {groups.map((group) => (
            <Card key={group.hour} className="overflow-hidden">
              <h2 className="border-b border-slate-100 bg-slate-50/70 px-4 py-2.5 text-sm font-semibold text-slate-700 dark:border-night-800 dark:bg-night-800/60 dark:text-slate-200">
                {copy.hour(format.clock(`${pad2(group.hour)}:00`))}
                <span className="ml-2 font-normal text-slate-600 dark:text-slate-400">({group.attempts.length})</span>
              </h2>
              <ul className="divide-y divide-slate-100 dark:divide-night-800">
                {group.attempts.map((attempt) => (
                  <AttemptRow key={attempt.id} attempt={attempt} />
                ))}
              </ul>
            </Card>
          ))}
        </div>
      )}
    </div>
  );
}

function AttemptRow({ attempt }: { attempt: TodayAttempt }) {
  const { t } = useI18n({ call: callMessages, today: todayMessages });
  const format = useFormatter();
  const dialogs = useCallDialogs();
  const name = contactName(attempt.call, t.call.unnamed);
  return (
    <li className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-start sm:gap-4">
      <time
        dateTime={attempt.occurredAt}
        className="w-14 shrink-0 pt-0.5 text-sm font-semibold text-slate-900 tabular-nums dark:text-white"
      >
        {format.time(attempt.occurredAt)}
      </time>
      <div className="min-w-0 flex-1 space-y-1">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <button
            type="button"
            onClick={() => dialogs.openDetail(attempt.call.id)}
            className="truncate text-left font-semibold text-slate-900 hover:text-iris-700 hover:underline dark:text-white dark:hover:text-iris-200"
          >
            {name}
          </button>
          <StatusBadge status={attempt.status} />
          <PhoneLink
            source={attempt.call}
            callId={attempt.call.id}
            name={name}
            isFlagged={attempt.call.phoneFlagged}
            className="text-sm"
          />
        </div>
        {attempt.note ? (
          <p className="text-sm whitespace-pre-wrap text-slate-700 dark:text-slate-300">{attempt.note}</p>
        ) : null}
      </div>
      <button
        type="button"
        onClick={() => dialogs.openLog({ callId: attempt.call.id, name })}
        aria-label={t.today.logAgain(name)}
        title={t.today.logAgain(name)}
        className="inline-flex size-9 shrink-0 items-center justify-center self-end rounded-lg text-slate-500 transition hover:bg-slate-100 hover:text-slate-900 sm:self-center dark:text-slate-400 dark:hover:bg-night-800 dark:hover:text-white"
      >
        <PhoneCall className="size-4" aria-hidden />
      </button>
    </li>
  );
}
