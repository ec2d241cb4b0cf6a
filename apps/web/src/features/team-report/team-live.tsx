'use client';

import { Radio, Trophy } from 'lucide-react';
import { Card } from '@/components/ui/card';
import { SkeletonRows } from '@/components/ui/skeleton';
import { useNumbers } from '@/features/dashboard/use-numbers';
import { cn } from '@/lib/cn';
import { useFormatter } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { contactName } from '@/lib/i18n/labels';
import type { TeamReport } from './team-report.api';
import * as callMessages from '@/lib/i18n/messages/call';
import * as teamReportMessages from '@/lib/i18n/messages/team-report';

/** "Right now": who holds which contact of which list, and until when. */
export function TeamLiveNow({ report }: { report: TeamReport | null }) {
  const { t } = useI18n({ call: callMessages, teamReport: teamReportMessages });
  const copy = t.teamReport.live;
  const format = useFormatter();
  const listNames = new Map((report?.lists ?? []).map((list) => [list.listId, list.name]));

  return (
    <Card className="p-5" aria-labelledby="team-live-title">
      <div className="mb-3 flex items-center gap-2">
        <span className="relative flex size-2.5" aria-hidden>
          <span className="absolute inline-flex size-full animate-ping rounded-full bg-emerald-400 opacity-60 motion-reduce:hidden" />
          <span className="relative inline-flex size-2.5 rounded-full bg-emerald-500" />
        </span>
        <h2 id="team-live-title" className="text-base font-semibold text-slate-900 dark:text-white">
          {copy.title}
        </h2>
      </div>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">{copy.hint}</p>
      {!report ? (
        <SkeletonRows rows={2} />
      ) : report.live.length === 0 ? (
        <p className="flex items-center gap-2 py-4 text-sm text-slate-600 dark:text-slate-400">
          <Radio className="size-4 shrink-0" aria-hidden />
          {copy.empty}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 dark:divide-night-800" data-testid="team-live">
          {report.live.map((entry) => (
            <li
              key={`${entry.userId}:${entry.callId}`}
              className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5 py-2.5"
            >
              <span className="font-medium text-slate-900 dark:text-white">{entry.name}</span>{' '}
              <span className="text-sm text-slate-700 dark:text-slate-300">
                {copy.calling(contactName(entry, t.call.unnamed))}
              </span>
              <span className="w-full text-xs text-slate-600 dark:text-slate-400">
                {listNames.has(entry.listId) ? `${copy.onList(listNames.get(entry.listId) ?? '')} · ` : ''}
                {copy.until(format.time(entry.expiresAt))}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** The range's ranking by calls made (the order is the API's). */
export function TeamLeaderboard({ leaderboard }: { leaderboard: TeamReport['leaderboard'] | null }) {
  const { t } = useI18n({ call: callMessages, teamReport: teamReportMessages });
  const copy = t.teamReport.leaderboard;
  const n = useNumbers();

  return (
    <Card className="p-5">
      <div className="mb-1 flex items-center gap-2">
        <Trophy className="size-4 text-iris-600 dark:text-orchid-300" aria-hidden />
        <h2 className="text-base font-semibold text-slate-900 dark:text-white">{copy.title}</h2>
      </div>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">{copy.hint}</p>
      {!leaderboard ? (
        <SkeletonRows rows={3} />
      ) : leaderboard.length === 0 || leaderboard.every((entry) => entry.attempts === 0) ? (
        <p className="py-4 text-sm text-slate-600 dark:text-slate-400">{copy.empty}</p>
      ) : (
        <ol className="space-y-2">
          {leaderboard.map((entry, index) => (
            <li key={entry.userId} className="flex items-center gap-3">
              <span
                className={cn(
                  'flex h-7 min-w-7 shrink-0 items-center justify-center rounded-full px-1.5 text-xs font-bold tabular-nums',
                  index === 0
                    ? 'bg-linear-to-br from-orchid-400 to-iris-500 text-white'
                    : 'bg-slate-100 text-slate-700 dark:bg-night-800 dark:text-slate-300',
                )}
              >
                {copy.rank(index + 1)}
              </span>
              <span className="min-w-0 flex-1">
                <span className="block truncate text-sm font-medium text-slate-900 dark:text-white">{entry.name}</span>
                <span className="block text-xs text-slate-600 tabular-nums dark:text-slate-400">
                  {copy.line(n.integer(entry.attempts), n.integer(entry.answered))}
                </span>
              </span>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
