'use client';

import Link from 'next/link';
import { AlarmClock, ArrowRight, CalendarCheck } from 'lucide-react';
import type { ReactNode } from 'react';
import type { LucideIcon } from 'lucide-react';
import { DEFAULT_PROFILE } from '@ct/contracts/defaults';
import { QueryState, type QueryStateSource } from '@/components/query-state';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { SkeletonRows } from '@/components/ui/skeleton';
import { Table, Td, Th } from '@/components/ui/table';
import { useSession } from '@/features/auth/session-provider';
import { contactName } from '@/lib/i18n/labels';
import { PriorityBadge, StatusBadge } from '@/components/status-badge';
import { useFormatter } from '@/lib/format/use-formatter';
import { useI18n } from '@/lib/i18n';
import type { TodayReport } from '@/features/today/today.queries';
import { shortDate } from './short-date';
import * as dashboardMessages from '@/lib/i18n/messages/dashboard';

/** Rows shown on the dashboard; the full lists are on /today and /reminders. */
const MAX_ROWS = 6;

/** Today's report as the dashboard's query holds it (both tables read the one entry). */
type TodayQuery = QueryStateSource<TodayReport>;

function TableCard({
  icon: Icon,
  title,
  count,
  href,
  linkLabel,
  children,
}: {
  icon: LucideIcon;
  title: string;
  count: number | null;
  href: string;
  linkLabel: string;
  children: ReactNode;
}) {
  const { t } = useI18n({ dashboard: dashboardMessages });
  const seeAll = t.dashboard.today.seeAll;
  return (
    <Card className="flex flex-col overflow-hidden">
      <div className="flex items-center gap-3 border-b border-slate-100 px-5 py-4 dark:border-night-800">
        <span className="flex size-9 items-center justify-center rounded-xl bg-iris-50 text-iris-600 dark:bg-iris-500/15 dark:text-orchid-300">
          <Icon className="size-[18px]" aria-hidden />
        </span>
        <h2 className="flex-1 text-base font-semibold text-slate-900 dark:text-white">
          {title}
          {count !== null ? (
            <span className="ml-2 text-sm font-medium text-slate-500 dark:text-slate-400">{count}</span>
          ) : null}
        </h2>
        <Link
          href={href}
          title={linkLabel}
          className="inline-flex items-center gap-1 rounded-lg px-2 py-1 text-sm font-semibold text-iris-700 hover:bg-iris-50 dark:text-iris-200 dark:hover:bg-iris-500/15"
        >
          {seeAll}
          <span className="sr-only"> — {title}</span>
          <ArrowRight className="size-4" aria-hidden />
        </Link>
      </div>
      <div className="flex-1">{children}</div>
    </Card>
  );
}

/** A table's loading, error and empty states; `children` renders the loaded report. */
function TodayStates({
  today,
  isEmpty,
  empty,
  children,
}: {
  today: TodayQuery;
  isEmpty: (report: TodayReport) => boolean;
  empty: string;
  children: (report: TodayReport) => ReactNode;
}) {
  const { t } = useI18n({ dashboard: dashboardMessages });
  return (
    <QueryState
      query={today}
      variant="section"
      errorMessage={t.dashboard.today.loadError}
      loading={
        <div className="p-5" aria-busy="true">
          <SkeletonRows rows={4} />
        </div>
      }
      isEmpty={isEmpty}
      empty={<p className="px-5 py-10 text-center text-sm text-slate-600 dark:text-slate-400">{empty}</p>}
    >
      {children}
    </QueryState>
  );
}

function More({ count }: { count: number }) {
  const { t } = useI18n({ dashboard: dashboardMessages });
  if (count <= 0) return null;
  return <p className="px-5 py-3 text-sm text-slate-600 dark:text-slate-400">{t.dashboard.today.more(count)}</p>;
}

const contactLinkClass =
  'font-medium text-slate-900 hover:text-iris-700 hover:underline dark:text-white dark:hover:text-iris-200';

/** "Appels du jour": today's attempts, newest first, with their outcome. */
export function TodayCallsTable({ today }: { today: TodayQuery }) {
  const { t } = useI18n({ dashboard: dashboardMessages });
  const copy = t.dashboard.today;
  const format = useFormatter();
  return (
    <TableCard
      icon={CalendarCheck}
      title={copy.callsTitle}
      count={today.data ? today.data.attempts.length : null}
      href="/today"
      linkLabel={copy.seeAllCalls}
    >
      <TodayStates today={today} isEmpty={(report) => report.attempts.length === 0} empty={copy.callsEmpty}>
        {({ attempts }) => (
          <>
            <div className="relative overflow-x-auto">
              <Table>
                <caption className="sr-only">{copy.callsTitle}</caption>
                <thead>
                  <tr>
                    <Th className="w-20">{copy.time}</Th>
                    <Th>{copy.contact}</Th>
                    <Th>{copy.status}</Th>
                  </tr>
                </thead>
                <tbody>
                  {attempts.slice(0, MAX_ROWS).map((attempt) => (
                    <tr key={attempt.id}>
                      <Td className="whitespace-nowrap text-slate-600 tabular-nums dark:text-slate-400">
                        <time dateTime={attempt.occurredAt}>{format.time(attempt.occurredAt)}</time>
                      </Td>
                      <Td className="max-w-0 truncate">
                        <Link href={`/calls?open=${attempt.call.id}`} className={contactLinkClass}>
                          {contactName(attempt.call, copy.unnamed)}
                        </Link>
                      </Td>
                      <Td>
                        <StatusBadge status={attempt.status} />
                      </Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </div>
            <More count={attempts.length - MAX_ROWS} />
          </>
        )}
      </TodayStates>
    </TableCard>
  );
}

/** "Rappels du jour": open callbacks due today, and overdue ones, in the user's order. */
export function TodayRemindersTable({ today }: { today: TodayQuery }) {
  const { t } = useI18n({ dashboard: dashboardMessages });
  const dateFormat = useSession().user?.dateFormat ?? DEFAULT_PROFILE.dateFormat;
  const copy = t.dashboard.today;
  const format = useFormatter();
  return (
    <TableCard
      icon={AlarmClock}
      title={copy.remindersTitle}
      count={today.data ? today.data.reminders.length : null}
      href="/reminders"
      linkLabel={copy.seeAllReminders}
    >
      <TodayStates today={today} isEmpty={(report) => report.reminders.length === 0} empty={copy.remindersEmpty}>
        {({ reminders }) => (
          <>
            <div className="relative overflow-x-auto">
              <Table>
                <caption className="sr-only">{copy.remindersTitle}</caption>
                <thead>
                  <tr>
                    <Th className="w-28">{copy.scheduled}</Th>
                    <Th>{copy.contact}</Th>
                    <Th>{copy.priority}</Th>
                  </tr>
                </thead>
                <tbody>
                  {reminders.slice(0, MAX_ROWS).map((reminder) => (
                    <tr key={reminder.id}>
                      <Td className="whitespace-nowrap text-slate-600 tabular-nums dark:text-slate-400">
                        <time dateTime={reminder.scheduledAt}>
                          {reminder.overdue
                            ? `${shortDate(format.localDate(reminder.scheduledAt), dateFormat)} ${format.time(reminder.scheduledAt)}`
                            : format.time(reminder.scheduledAt)}
                        </time>
                      </Td>
                      <Td className="max-w-0 truncate">
                        <Link href={`/calls?open=${reminder.call.id}`} className={contactLinkClass}>
                          {contactName(reminder.call, copy.unnamed)}
                        </Link>
                      </Td>
                      <Td>
                        <span className="flex flex-wrap gap-1.5">
                          <PriorityBadge priority={reminder.priority} />
                          {reminder.overdue ? (
                            <Badge tone="rose" hasDot>
                              {copy.overdue}
                            </Badge>
                          ) : null}
                        </span>
                      </Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </div>
            <More count={reminders.length - MAX_ROWS} />
          </>
        )}
      </TodayStates>
    </TableCard>
  );
}
