'use client';

import { CALL_STATUSES } from '@ct/contracts/enums';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { SkeletonRows } from '@/components/ui/skeleton';
import { STATUS_DOT } from '@/features/dashboard/chart-colors';
import { useNumbers } from '@/features/dashboard/use-numbers';
import { useI18n } from '@/lib/i18n';
import { useDomainLabels } from '@/lib/i18n/labels';
import type { TeamReport } from './team-report.api';
import * as teamReportMessages from '@/lib/i18n/messages/team-report';

/** Each list of the team: how far it has got, and the mix of outcomes of its contacts. */
export function TeamListsProgress({ lists }: { lists: TeamReport['lists'] | null }) {
  const { t } = useI18n({ teamReport: teamReportMessages });
  const copy = t.teamReport.lists;
  const n = useNumbers();
  const labels = useDomainLabels();

  return (
    <Card className="p-5">
      <h2 className="mb-4 text-base font-semibold text-slate-900 dark:text-white">{copy.title}</h2>
      {!lists ? (
        <SkeletonRows rows={3} />
      ) : lists.length === 0 ? (
        <p className="py-6 text-center text-sm text-slate-600 dark:text-slate-400">{copy.empty}</p>
      ) : (
        <ul className="grid gap-6 md:grid-cols-2">
          {lists.map((list) => {
            const outcomes = CALL_STATUSES.map((status) => ({ status, count: list.byOutcome[status] ?? 0 })).filter(
              (entry) => entry.count > 0,
            );
            const outcomeTotal = outcomes.reduce((sum, entry) => sum + entry.count, 0);
            const share = list.total > 0 ? list.done / list.total : 0;
            return (
              <li key={list.listId} className="min-w-0">
                <div className="flex flex-wrap items-center gap-2">
                  <h3 className="min-w-0 truncate text-sm font-semibold text-slate-900 dark:text-white">{list.name}</h3>
                  {list.archived ? <Badge tone="slate">{copy.archived}</Badge> : null}
                </div>
                <div className="mt-1 flex flex-wrap justify-between gap-x-3 text-xs text-slate-600 tabular-nums dark:text-slate-400">
                  <span>{copy.progress(n.integer(list.done), n.integer(list.total))}</span>
                  <span>{copy.remaining(n.integer(list.remaining))}</span>
                </div>
                <div
                  role="progressbar"
                  aria-label={copy.progressLabel(list.name)}
                  aria-valuemin={0}
                  aria-valuemax={list.total}
                  aria-valuenow={list.done}
                  aria-valuetext={copy.progress(n.integer(list.done), n.integer(list.total))}
                  className="mt-2 h-2 overflow-hidden rounded-full bg-slate-100 dark:bg-night-800"
                >
                  <div
                    className="h-full rounded-full bg-linear-to-r from-orchid-400 to-iris-500"
                    style={{ width: `${Math.round(share * 100)}%` }}
                  />
                </div>
                {outcomeTotal === 0 ? (
                  <p className="mt-3 text-xs text-slate-600 dark:text-slate-400">{copy.noOutcome}</p>
                ) : (
                  <>
                    <div className="mt-3 flex h-2 overflow-hidden rounded-full" aria-hidden>
                      {outcomes.map((entry) => (
                        <span
                          key={entry.status}
                          className={STATUS_DOT[entry.status]}
                          style={{ width: `${(entry.count / outcomeTotal) * 100}%` }}
                        />
                      ))}
                    </div>
                    <ul aria-label={copy.outcomes(list.name)} className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs">
                      {outcomes.map((entry) => (
                        <li key={entry.status} className="flex items-center gap-1.5">
                          <span className={`size-2 shrink-0 rounded-full ${STATUS_DOT[entry.status]}`} aria-hidden />
                          <span className="text-slate-700 dark:text-slate-300">{labels.status(entry.status)}</span>
                          <span className="font-semibold text-slate-900 tabular-nums dark:text-white">
                            {n.integer(entry.count)}
                          </span>
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
