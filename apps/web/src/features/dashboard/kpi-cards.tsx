'use client';

import { CalendarClock, CircleCheckBig, PhoneCall, PhoneIncoming, PhoneOff } from 'lucide-react';
import { useI18n } from '@/lib/i18n';
import type { KpiReport, KpiTotals } from './dashboard.queries';
import { StatCard, type Trend } from './stat-card';
import { useNumbers } from './use-numbers';
import * as dashboardMessages from '@/lib/i18n/messages/dashboard';

type Numbers = ReturnType<typeof useNumbers>;

/** A count's change in percent of the previous period ("New" when there was nothing before). */
function countTrend(
  current: number,
  previous: number,
  isIncreaseGood: boolean,
  n: Numbers,
  copy: (typeof dashboardMessages.fr)['kpis'],
): Trend {
  if (current === previous) return { label: '0 %', description: copy.unchanged, direction: 'flat', isGood: null };
  if (previous === 0)
    return { label: copy.newValue, description: copy.newValueLong, direction: 'up', isGood: isIncreaseGood };
  const ratio = (current - previous) / previous;
  const label = n.signedPercent(ratio);
  const direction = ratio > 0 ? 'up' : 'down';
  return { label, description: copy.change(label), direction, isGood: ratio > 0 === isIncreaseGood };
}

/** A rate's change in percentage points. */
function rateTrend(
  current: number | null,
  previous: number | null,
  n: Numbers,
  copy: (typeof dashboardMessages.fr)['kpis'],
): Trend | null {
  if (current === null || previous === null) return null;
  const points = Math.round((current - previous) * 100);
  if (points === 0) return { label: `0 ${copy.points}`, description: copy.unchanged, direction: 'flat', isGood: null };
  const label = `${n.signed(points)} ${copy.points}`;
  return { label, description: copy.change(label), direction: points > 0 ? 'up' : 'down', isGood: points > 0 };
}

/** The five KPIs; while `report` is null, the same cards with placeholders (nothing moves on arrival). */
export function KpiCards({ report }: { report: KpiReport | null }) {
  const { t } = useI18n({ dashboard: dashboardMessages });
  const copy = t.dashboard.kpis;
  const n = useNumbers();
  const now: KpiTotals | undefined = report?.totals;
  const before: KpiTotals | undefined = report?.previous;
  const rate = (value: number | null | undefined) =>
    value === undefined ? null : value === null ? copy.noData : n.percent(value);
  const count = (value: number | undefined) => (value === undefined ? null : n.integer(value));
  const counts = (pick: (totals: KpiTotals) => number, isIncreaseGood: boolean) =>
    now && before ? countTrend(pick(now), pick(before), isIncreaseGood, n, copy) : null;
  const rates = (pick: (totals: KpiTotals) => number | null) =>
    now && before ? rateTrend(pick(now), pick(before), n, copy) : null;

  return (
    <section
      aria-label={copy.label}
      aria-busy={!report}
      className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-3 xl:grid-cols-5 [&>*:last-child]:col-span-2 lg:[&>*:last-child]:col-span-1"
    >
      <StatCard
        icon={PhoneCall}
        label={copy.callsMade}
        value={count(now?.callsMade)}
        trend={counts((totals) => totals.callsMade, true)}
        detail={now ? copy.contactsReached(n.integer(now.contactsReached)) : undefined}
        previousLabel={copy.vsPrevious}
      />
      <StatCard
        icon={PhoneIncoming}
        label={copy.answerRate}
        value={rate(now?.answerRate)}
        trend={rates((totals) => totals.answerRate)}
        previousLabel={copy.vsPrevious}
      />
      <StatCard
        icon={CircleCheckBig}
        label={copy.callbacksOnTime}
        value={rate(now?.callbacksOnTimeRate)}
        trend={rates((totals) => totals.callbacksOnTimeRate)}
        detail={now ? copy.callbacksScheduled(n.integer(now.callbacksScheduled)) : undefined}
        previousLabel={copy.vsPrevious}
      />
      <StatCard
        icon={CalendarClock}
        label={copy.overdueCallbacks}
        value={count(now?.overdueCallbacks)}
        trend={counts((totals) => totals.overdueCallbacks, false)}
        previousLabel={copy.vsPrevious}
      />
      <StatCard
        icon={PhoneOff}
        label={copy.wrongNumbers}
        value={count(now?.wrongNumbers)}
        trend={counts((totals) => totals.wrongNumbers, false)}
        previousLabel={copy.vsPrevious}
      />
    </section>
  );
}
