'use client';

import { useMemo } from 'react';
import Link from 'next/link';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { LIST_PRESENCE_EVENT } from '@ct/contracts/constants';
import { DEFAULT_REPORT_RANGE } from '@ct/contracts/defaults';
import { ShieldAlert } from 'lucide-react';
import { LoadError } from '@/components/query-state';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { SelectField } from '@/components/ui/field';
import { Skeleton } from '@/components/ui/skeleton';
import { useSession } from '@/features/auth/session-provider';
import { RangePicker } from '@/features/dashboard/range-picker';
import { parseRange, rangeParam, type ParsedRange } from '@/features/dashboard/report-range';
import { ApiError } from '@/lib/api';
import { isoDateIn, useFormatter } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { useLiveEvent } from '@/lib/live-events';
import { HOME_PATH } from '@/lib/safe-redirect';
import { useUrlParams } from '@/lib/use-url-params';
import { TeamMembersTable, TeamTotalsCards } from './team-kpis';
import { TeamListsProgress } from './team-lists';
import { TeamLeaderboard, TeamLiveNow } from './team-live';
import { LIVE_POLL_MS, teamReportKeys, teamReportQueries, type TeamReport } from './team-report.api';
import * as teamReportMessages from '@/lib/i18n/messages/team-report';
import * as dashboardMessages from '@/lib/i18n/messages/dashboard';

/** The dates a preset covers, ending today in the user's zone: where the custom range form starts. */
function presetDates(range: ParsedRange, zone: string) {
  if (range.kind === 'custom') return { from: range.from, to: range.to };
  const days = Number.parseInt(range.preset, 10);
  const now = Date.now();
  return { from: isoDateIn(new Date(now - (days - 1) * 86_400_000), zone), to: isoDateIn(new Date(now), zone) };
}

/**
 * /team, the manager's page: one team they lead (an admin: any team) over a range — its figures, each
 * member's, its lists' progress, a leaderboard — and "Right now", who is calling whom, kept live by the
 * stream's presence events and a modest poll. Team and range live in the URL (`?team=&range=`).
 */
export function TeamReportPage() {
  const { t } = useI18n({ teamReport: teamReportMessages, dashboard: dashboardMessages });
  const copy = t.teamReport;
  const format = useFormatter();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const { params, update } = useUrlParams();
  const teams = useQuery(teamReportQueries.teams());
  const managed = useMemo(
    () => (teams.data ?? []).filter((team) => user?.role === 'admin' || team.myRole === 'lead'),
    [teams.data, user?.role],
  );
  const teamId = managed.find((team) => team.id === params.get('team'))?.id ?? managed[0]?.id ?? null;
  const range = parseRange(params.get('range'));
  const key = rangeParam(range);
  const report = useQuery({
    ...teamReportQueries.report(teamId ?? '', key),
    enabled: teamId !== null,
    // While another range loads, the same team's figures stay; another team's never stand in.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === teamId ? previous : undefined),
    refetchInterval: LIVE_POLL_MS,
  });

  useLiveEvent(LIST_PRESENCE_EVENT, (event) => {
    if (event.teamId === teamId) void queryClient.invalidateQueries({ queryKey: teamReportKeys.ofTeam(event.teamId) });
  });

  const setRange = (next: ParsedRange) =>
    update({ range: next.kind === 'preset' && next.preset === DEFAULT_REPORT_RANGE ? null : rangeParam(next) });

  if (teams.isError) return <LoadError message={copy.loadError} onRetry={() => void teams.refetch()} />;
  if (!teams.data || !user) return <Skeleton className="h-40 w-full" />;
  const isForbidden = report.error instanceof ApiError && report.error.status === 403;
  if (managed.length === 0 || isForbidden) {
    return (
      <EmptyState
        icon={ShieldAlert}
        title={copy.forbiddenTitle}
        action={
          <Link href={HOME_PATH} className={buttonClasses('secondary')}>
            {t.common.backHome}
          </Link>
        }
      >
        {copy.forbiddenBody}
      </EmptyState>
    );
  }

  const data: TeamReport | null = report.data ?? null;
  const fallback = data?.range ?? presetDates(range, format.zone);

  return (
    <>
      <div className="mb-6 space-y-3">
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {data
            ? `${copy.description} ${t.dashboard.range.summary(format.isoDate(data.range.from), format.isoDate(data.range.to))}.`
            : copy.description}
        </p>
        <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
          <SelectField
            label={copy.teamLabel}
            hideLabel
            wrapperClassName="w-full sm:w-64"
            value={teamId ?? ''}
            onChange={(event) => update({ team: event.target.value })}
            options={managed.map((team) => ({ value: team.id, label: team.name }))}
          />
          <RangePicker
            key={key}
            range={range}
            onChange={setRange}
            fallbackFrom={fallback.from}
            fallbackTo={fallback.to}
          />
        </div>
      </div>

      {report.isError && !data ? (
        <LoadError message={copy.loadError} onRetry={() => void report.refetch()} />
      ) : (
        <div className="space-y-6" aria-busy={report.isFetching}>
          <TeamTotalsCards totals={data?.totals ?? null} />
          <div className="grid gap-6 lg:grid-cols-3">
            <div className="lg:col-span-2">
              <TeamLiveNow report={data} />
            </div>
            <TeamLeaderboard leaderboard={data?.leaderboard ?? null} />
          </div>
          <TeamMembersTable members={data?.members ?? null} />
          <TeamListsProgress lists={data?.lists ?? null} />
        </div>
      )}
    </>
  );
}
