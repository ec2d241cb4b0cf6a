'use client';

import { useState } from 'react';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { AlarmClock, ChevronLeft, ChevronRight, Play } from 'lucide-react';
import { QueryState } from '@/components/query-state';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageIntro } from '@/components/ui/page-intro';
import { SkeletonRows } from '@/components/ui/skeleton';
import { CallDialogsProvider } from '@/features/calls/call-dialogs';
import { contactName } from '@/lib/i18n/labels';
import { useNow } from '@/lib/use-now';
import { useUserSettings } from '@/features/settings/use-user-settings';
import { cn } from '@/lib/cn';
import { addDays, isoDateIn, parseIsoDate, pad2, useFormatter } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { emphasisOf, ReminderCard } from './reminder-card';
import type { Reminder } from './reminders.api';
import { reminderQueries } from './reminders.queries';
import * as callMessages from '@/lib/i18n/messages/call';
import * as remindersMessages from '@/lib/i18n/messages/reminders';

/** The statuses worth calling again: what a session started from here goes through after the reminders. */
export const CALLABLE_SESSION_SEARCH = '?status=to_call,no_answer,voicemail,callback';

type View = 'todo' | 'done';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The day shown (`?date=YYYY-MM-DD`, today by default) and the view (`?view=done`), kept in the URL. */
function useRemindersView(today: string) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const raw = searchParams.get('date') ?? '';
  const date = ISO_DATE.test(raw) && raw !== today ? raw : today;
  const view: View = searchParams.get('view') === 'done' ? 'done' : 'todo';
  const go = (next: { date?: string; view?: View }) => {
    const params = new URLSearchParams();
    const nextDate = next.date ?? date;
    const nextView = next.view ?? view;
    if (nextDate !== today) params.set('date', nextDate);
    if (nextView !== 'todo') params.set('view', nextView);
    const search = params.toString();
    router.replace(`${pathname}${search ? `?${search}` : ''}`, { scroll: false });
  };
  return { date, view, isToday: date === today, go };
}

function shiftDate(iso: string, days: number) {
  const parts = parseIsoDate(iso);
  if (!parts) return iso;
  const next = addDays(parts, days);
  return `${next.year}-${pad2(next.month)}-${pad2(next.day)}`;
}

const RescheduleDialog = dynamic(() => import('./reschedule-dialog').then((module) => module.RescheduleDialog), {
  ssr: false,
});

const dayButton =
  'inline-flex size-9 items-center justify-center rounded-lg border border-slate-200 bg-white text-slate-700 transition hover:bg-slate-50 ' +
  'dark:border-night-700 dark:bg-night-900 dark:text-slate-200 dark:hover:bg-night-800';

export function RemindersPage() {
  return (
    <CallDialogsProvider>
      <RemindersView />
    </CallDialogsProvider>
  );
}

function RemindersView() {
  const { t } = useI18n({ call: callMessages, reminders: remindersMessages });
  const copy = t.reminders;
  const { settings } = useUserSettings();
  const now = useNow();
  const format = useFormatter();
  const today = isoDateIn(now, format.zone);
  const { date, view, isToday, go } = useRemindersView(today);
  const [rescheduling, setRescheduling] = useState<Reminder | null>(null);
  const params = { date: isToday ? 'today' : date, done: view === 'done' };
  const list = useQuery({ ...reminderQueries.list(params), refetchInterval: 60_000 });

  const reminders = list.data?.items ?? [];
  const emphases = reminders.map((reminder) =>
    emphasisOf(reminder, now, settings.preReminderDelay, settings.urgentHighlight),
  );
  const overdue = emphases.filter((emphasis) => emphasis.isOverdue).length;
  const imminent = emphases.filter((emphasis) => emphasis.isImminent).length;

  return (
    <>
      <PageIntro
        actions={
          <Link href={`/session${CALLABLE_SESSION_SEARCH}`} className={buttonClasses('primary')}>
            <Play className="size-4" aria-hidden />
            {copy.startSession}
          </Link>
        }
      >
        {t.pages.reminders.description}
      </PageIntro>

      <div className="mb-4 flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-center sm:justify-between">
        <div className="flex flex-wrap items-center gap-2">
          <div role="group" aria-label={copy.day.label} className="flex items-center gap-1">
            <button
              type="button"
              className={dayButton}
              onClick={() => go({ date: shiftDate(date, -1) })}
              aria-label={copy.day.previous}
              title={copy.day.previous}
            >
              <ChevronLeft className="size-4" aria-hidden />
            </button>
            <label className="sr-only" htmlFor="reminders-date">
              {copy.day.pick}
            </label>
            <input
              id="reminders-date"
              type="date"
              value={date}
              onChange={(event) => ISO_DATE.test(event.target.value) && go({ date: event.target.value })}
              className="h-9 rounded-lg border border-slate-200 bg-white px-2 text-sm text-slate-800 dark:border-night-700 dark:bg-night-900 dark:text-slate-100"
            />
            <button
              type="button"
              className={dayButton}
              onClick={() => go({ date: shiftDate(date, 1) })}
              aria-label={copy.day.next}
              title={copy.day.next}
            >
              <ChevronRight className="size-4" aria-hidden />
            </button>
            {!isToday ? (
              <button
                type="button"
                className="px-2 text-sm font-medium text-iris-700 hover:underline dark:text-iris-200"
                onClick={() => go({ date: today })}
              >
                {copy.day.today}
              </button>
            ) : null}
          </div>
          <div
            role="group"
            aria-label={copy.views.label}
            className="inline-flex self-start rounded-xl border border-slate-200 bg-white p-1 dark:border-night-700 dark:bg-night-900"
          >
            {(['todo', 'done'] as const).map((option) => (
              <button
                key={option}
                type="button"
                aria-pressed={view === option}
                onClick={() => go({ view: option })}
                className={cn(
                  'rounded-lg px-3.5 py-1.5 text-sm font-medium transition',
                  view === option
                    ? 'bg-iris-600 text-white shadow-sm'
                    : 'text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-night-800',
                )}
              >
                {option === 'done' && !isToday ? copy.views.doneOn : copy.views[option]}
              </button>
            ))}
          </div>
        </div>
        {list.data && view === 'todo' && list.data.total > 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
            {!isToday ? (
              <span className="mr-1 font-semibold text-slate-900 first-letter:uppercase dark:text-white">
                {format.longIsoDay(date)} ·
              </span>
            ) : null}
            <span className="font-semibold text-slate-900 dark:text-white">
              {copy.summary(list.data.total, overdue, imminent)}
            </span>
            {' · '}
            {copy.order[settings.remindersOrder]}
          </p>
        ) : null}
      </div>

      <QueryState
        query={list}
        errorMessage={copy.loadError}
        loading={
          <Card className="p-5" aria-busy="true">
            <span className="sr-only">{t.common.loading}</span>
            <SkeletonRows rows={5} />
          </Card>
        }
        isEmpty={(page) => page.items.length === 0}
        empty={
          view === 'todo' ? (
            <EmptyState
              icon={AlarmClock}
              title={isToday ? t.pages.reminders.emptyTitle : copy.day.emptyTitle(format.longIsoDay(date))}
            >
              {t.pages.reminders.emptyBody}
            </EmptyState>
          ) : (
            <EmptyState icon={AlarmClock} title={copy.doneEmptyTitle}>
              {copy.doneEmptyBody}
            </EmptyState>
          )
        }
      >
        {() => (
          <ul aria-label={copy.listLabel} className="space-y-3">
            {reminders.map((reminder, index) => (
              <ReminderCard
                key={reminder.id}
                reminder={reminder}
                now={now}
                emphasis={emphases[index] ?? { isOverdue: false, isImminent: false, isUrgent: false }}
                onReschedule={setRescheduling}
              />
            ))}
          </ul>
        )}
      </QueryState>

      {rescheduling ? (
        <RescheduleDialog
          reminder={rescheduling}
          name={contactName(rescheduling.call, t.call.unnamed)}
          onClose={() => setRescheduling(null)}
        />
      ) : null}
    </>
  );
}
