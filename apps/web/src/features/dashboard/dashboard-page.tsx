'use client';

import dynamic from 'next/dynamic';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DEFAULT_PROFILE, DEFAULT_REPORT_RANGE } from '@ct/contracts/defaults';
import { LoadError } from '@/components/query-state';
import { WhenVisible } from '@/components/when-visible';
import { Card } from '@/components/ui/card';
import { PageIntro } from '@/components/ui/page-intro';
import { Skeleton } from '@/components/ui/skeleton';
import { useSession } from '@/features/auth/session-provider';
import { useDomainLabels } from '@/lib/i18n/labels';
import { useFormatter } from '@/lib/format/use-formatter';
import { useI18n } from '@/lib/i18n';
import { useUrlParams } from '@/lib/use-url-params';
import { BestHoursHeatmap } from './best-hours-heatmap';
import { STATUS_DOT } from './chart-colors';
import { todayReportQuery } from '@/features/today/today.queries';
import { kpiQuery, type KpiReport } from './dashboard.queries';
import { KpiCards } from './kpi-cards';
import { RangePicker } from './range-picker';
import { parseRange, rangeParam, type ParsedRange } from './report-range';
import { TodayCallsTable, TodayRemindersTable } from './today-tables';
import { shortDate } from './short-date';
import { useNumbers } from './use-numbers';
import * as dashboardMessages from '@/lib/i18n/messages/dashboard';

function LineSkeleton() {
  return <Skeleton className="h-[320px] w-full" />;
}

function DonutSkeleton() {
  return (
    <div className="flex h-[200px] items-center justify-center">
      <Skeleton className="size-44 rounded-full" />
    </div>
  );
}

// Recharts stays out of the first load: the charts arrive in their own chunk when scrolled to (WhenVisible).
const CallsLineChart = dynamic(() => import('./dashboard-charts').then((m) => m.CallsLineChart), {
  ssr: false,
  loading: LineSkeleton,
});
const StatusDonut = dynamic(() => import('./dashboard-charts').then((m) => m.StatusDonut), {
  ssr: false,
  loading: DonutSkeleton,
});

/** /dashboard, the home page: KPIs against the previous period, charts, best hours, today's two tables. */
export function DashboardPage() {
  const { t } = useI18n({ dashboard: dashboardMessages });
  const { params, update } = useUrlParams();
  const range = parseRange(params.get('range'));
  const key = rangeParam(range);
  const kpi = useQuery({ ...kpiQuery(key), placeholderData: keepPreviousData });
  const today = useQuery(todayReportQuery());
  const format = useFormatter();

  const setRange = (next: ParsedRange) =>
    update({ range: next.kind === 'preset' && next.preset === DEFAULT_REPORT_RANGE ? null : rangeParam(next) });

  return (
    <>
      <PageIntro
        actions={
          <RangePicker
            key={key}
            range={range}
            onChange={setRange}
            fallbackFrom={kpi.data?.range.from ?? ''}
            fallbackTo={kpi.data?.range.to ?? ''}
          />
        }
      >
        {kpi.data
          ? t.dashboard.range.summary(format.isoDate(kpi.data.range.from), format.isoDate(kpi.data.range.to))
          : t.pages.dashboard.description}
      </PageIntro>

      <div className="space-y-6" aria-busy={kpi.isFetching}>
        {kpi.isError && !kpi.data ? (
          <LoadError message={t.dashboard.loadError} onRetry={() => void kpi.refetch()} />
        ) : (
          // While loading, the same cards with placeholders: nothing below moves when the figures land.
          <>
            <KpiCards report={kpi.data ?? null} />
            <Charts report={kpi.data ?? null} />
            <BestHoursHeatmap cells={kpi.data?.bestHours ?? null} />
          </>
        )}
        <div className="grid gap-6 lg:grid-cols-2">
          <TodayCallsTable today={today} />
          <TodayRemindersTable today={today} />
        </div>
      </div>
    </>
  );
}

function Charts({ report }: { report: KpiReport | null }) {
  const { t } = useI18n({ dashboard: dashboardMessages });
  const copy = t.dashboard.charts;
  const format = useFormatter();
  const n = useNumbers();
  const labels = useDomainLabels();
  const { user } = useSession();
  const dateFormat = user?.dateFormat ?? DEFAULT_PROFILE.dateFormat;
  const points = (report?.series ?? []).map((point) => ({ ...point, label: shortDate(point.date, dateFormat) }));
  const slices = [...(report?.statusMix ?? [])]
    .sort((a, b) => b.count - a.count)
    .map((slice) => ({ ...slice, label: labels.status(slice.status) }));
  const attempts = slices.reduce((sum, slice) => sum + slice.count, 0);

  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <Card className="p-5 lg:col-span-2">
        <h2 className="text-base font-semibold text-slate-900 dark:text-white">{copy.callsPerDay}</h2>
        <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">{copy.callsPerDayHint}</p>
        <WhenVisible fallback={<LineSkeleton />}>
          <div aria-hidden>
            <CallsLineChart
              points={points}
              labels={{ calls: copy.calls, reached: copy.reached }}
              formatNumber={n.integer}
            />
          </div>
        </WhenVisible>
        <table className="sr-only">
          <caption>{copy.tableCaption(copy.callsPerDay)}</caption>
          <thead>
            <tr>
              <th scope="col">{copy.date}</th>
              <th scope="col">{copy.calls}</th>
              <th scope="col">{copy.reached}</th>
            </tr>
          </thead>
          <tbody>
            {(report?.series ?? []).map((point) => (
              <tr key={point.date}>
                <th scope="row">{format.isoDate(point.date)}</th>
                <td>{point.calls}</td>
                <td>{point.reached}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Card className="p-5">
        <h2 className="text-base font-semibold text-slate-900 dark:text-white">{copy.statusMix}</h2>
        <p className="mb-2 text-sm text-slate-600 dark:text-slate-400">{copy.statusMixHint}</p>
        {!report ? (
          <div aria-hidden>
            <DonutSkeleton />
            <div className="mt-3 space-y-2">
              {[0, 1, 2, 3, 4, 5].map((row) => (
                <Skeleton key={row} className="h-4" />
              ))}
            </div>
          </div>
        ) : attempts === 0 ? (
          <p className="py-16 text-center text-sm text-slate-600 dark:text-slate-400">{copy.noCalls}</p>
        ) : (
          <>
            <div className="relative" aria-hidden>
              <WhenVisible fallback={<DonutSkeleton />}>
                <StatusDonut slices={slices} formatNumber={n.integer} />
              </WhenVisible>
              <div className="pointer-events-none absolute inset-0 flex flex-col items-center justify-center">
                <span className="text-2xl font-bold text-slate-900 tabular-nums dark:text-white">
                  {n.integer(attempts)}
                </span>
              </div>
            </div>
            <p className="sr-only">{copy.attempts(n.integer(attempts))}</p>
            <ul className="mt-3 grid gap-x-6 gap-y-1.5 text-sm sm:grid-cols-2 lg:grid-cols-1">
              {slices.map((slice) => (
                <li key={slice.status} className="flex items-center gap-2">
                  <StatusDot status={slice.status} />
                  <span className="min-w-0 flex-1 truncate text-slate-700 dark:text-slate-300">{slice.label}</span>
                  <span className="font-semibold text-slate-900 tabular-nums dark:text-white">
                    {n.percent(slice.count / attempts)}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </Card>
    </div>
  );
}

function StatusDot({ status }: { status: KpiReport['statusMix'][number]['status'] }) {
  return <span className={`size-2.5 shrink-0 rounded-full ${STATUS_DOT[status]}`} aria-hidden />;
}
