'use client';

import { CircleCheckBig, Clock, PhoneCall, PhoneIncoming } from 'lucide-react';
import { Card } from '@/components/ui/card';
import { SkeletonRows } from '@/components/ui/skeleton';
import { Table, Td, Th } from '@/components/ui/table';
import { StatCard } from '@/features/dashboard/stat-card';
import { useNumbers } from '@/features/dashboard/use-numbers';
import { useI18n } from '@/lib/i18n';
import type { TeamReport, TeamTotals } from './team-report.api';
import * as teamReportMessages from '@/lib/i18n/messages/team-report';

/** The team's four figures for the range; placeholders of the same size while loading. */
export function TeamTotalsCards({ totals }: { totals: TeamTotals | null }) {
  const { t } = useI18n({ teamReport: teamReportMessages });
  const copy = t.teamReport.totals;
  const n = useNumbers();
  const rate = (value: number | null | undefined) =>
    value === undefined ? null : value === null ? copy.noData : n.percent(value);

  return (
    <section aria-label={copy.label} aria-busy={!totals} className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4">
      <StatCard
        icon={PhoneCall}
        label={copy.attempts}
        value={totals ? n.integer(totals.attempts) : null}
        detail={totals ? copy.answered(n.integer(totals.answered)) : undefined}
        trend={null}
        previousLabel=""
      />
      <StatCard
        icon={PhoneIncoming}
        label={copy.answerRate}
        value={rate(totals?.answerRate)}
        trend={null}
        previousLabel=""
      />
      <StatCard
        icon={CircleCheckBig}
        label={copy.callbacks}
        value={rate(totals?.callbacksOnTimeRate)}
        detail={
          totals ? copy.callbacksDetail(n.integer(totals.callbacksOnTime), n.integer(totals.callbacksDone)) : undefined
        }
        trend={null}
        previousLabel=""
      />
      <StatCard
        icon={Clock}
        label={copy.talk}
        value={totals ? t.teamReport.duration(totals.talkSeconds) : null}
        trend={null}
        previousLabel=""
      />
    </section>
  );
}

/** Each member's figures, one row each (the table scrolls sideways on a phone). */
export function TeamMembersTable({ members }: { members: TeamReport['members'] | null }) {
  const { t } = useI18n({ teamReport: teamReportMessages });
  const copy = t.teamReport.members;
  const n = useNumbers();
  const numeric = 'text-right tabular-nums';

  return (
    <Card className="p-5">
      <h2 className="mb-3 text-base font-semibold text-slate-900 dark:text-white">{copy.title}</h2>
      {!members ? (
        <SkeletonRows rows={4} />
      ) : members.length === 0 ? (
        <p className="py-6 text-center text-sm text-slate-600 dark:text-slate-400">{copy.empty}</p>
      ) : (
        <div className="relative -mx-2 overflow-x-auto px-2">
          <Table>
            <caption className="sr-only">{copy.caption}</caption>
            <thead>
              <tr>
                <Th>{copy.name}</Th>
                <Th className={numeric}>{copy.attempts}</Th>
                <Th className={numeric}>{copy.answered}</Th>
                <Th className={numeric}>{copy.answerRate}</Th>
                <Th className={numeric}>{copy.callbacksDone}</Th>
                <Th className={numeric}>{copy.callbacksOnTime}</Th>
                <Th className={numeric}>{copy.overdue}</Th>
                <Th className={numeric}>{copy.talk}</Th>
              </tr>
            </thead>
            <tbody>
              {members.map((member) => (
                <tr key={member.userId}>
                  <th
                    scope="row"
                    className="border-b border-slate-100 px-3 py-3 text-left font-medium whitespace-nowrap text-slate-900 dark:border-night-800 dark:text-white"
                  >
                    {member.name}
                  </th>
                  <Td className={numeric}>{n.integer(member.attempts)}</Td>
                  <Td className={numeric}>{n.integer(member.answered)}</Td>
                  <Td className={numeric}>
                    {member.answerRate === null ? t.teamReport.totals.noData : n.percent(member.answerRate)}
                  </Td>
                  <Td className={numeric}>{n.integer(member.callbacksDone)}</Td>
                  <Td className={numeric}>{n.integer(member.callbacksOnTime)}</Td>
                  <Td className={numeric}>{n.integer(member.overdueCallbacks)}</Td>
                  <Td className={`${numeric} whitespace-nowrap`}>{t.teamReport.duration(member.talkSeconds)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </Card>
  );
}
