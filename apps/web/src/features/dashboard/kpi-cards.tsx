'use client';

import { CalendarClock, CircleCheckBig, PhoneCall, PhoneIncoming, PhoneOff } from 'lucide-react';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { useI18n, type Dictionary } from '@/lib/i18n';
import type { KpiReport, KpiTotals } from './dashboard.api';
import { StatCard, type Trend } from './stat-card';
import { useNumbers } from './use-numbers';

type Numbers = ReturnType<typeof useNumbers>;

/** A count's change in percent of the previous period ("New" when there was nothing before). */
function countTrend(
  current: number,
  previous: number,
  isIncreaseGood: boolean,
  n: Numbers,
  copy: Dictionary['dashboard']['kpis'],
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
  copy: Dictionary['dashboard']['kpis'],
): Trend | null {
  if (current === null || previous === null) return null;
  const points = Math.round((current - previous) * 100);
  if (points === 0) return { label: `0 ${copy.points}`, description: copy.unchanged, direction: 'flat', isGood: null };
  const label = `${n.signed(points)} ${copy.points}`;
  return { label, description: copy.change(label), direction: points > 0 ? 'up' : 'down', isGood: points > 0 };
}

export function KpiCards({ report }: { report: KpiReport }) {
  const { t } = useI18n();
  const copy = t.dashboard.kpis;
  const n = useNumbers();
  const now: KpiTotals = report.totals;
  const before: KpiTotals = report.previous;
  const rate = (value: number | null) => (value === null ? copy.noData : n.percent(value));

  return (
    <section aria-label={copy.label} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-5">
      <StatCard
        icon={PhoneCall}
        label={copy.callsMade}
        value={n.integer(now.callsMade)}
        trend={countTrend(now.callsMade, before.callsMade, true, n, copy)}
        detail={copy.contactsReached(n.integer(now.contactsReached))}
        previousLabel={copy.vsPrevious}
      />
      <StatCard
        icon={PhoneIncoming}
        label={copy.answerRate}
        value={rate(now.answerRate)}
        trend={rateTrend(now.answerRate, before.answerRate, n, copy)}
        previousLabel={copy.vsPrevious}
      />
      <StatCard
        icon={CircleCheckBig}
        label={copy.callbacksOnTime}
        value={rate(now.callbacksOnTimeRate)}
        trend={rateTrend(now.callbacksOnTimeRate, before.callbacksOnTimeRate, n, copy)}
        detail={copy.callbacksScheduled(n.integer(now.callbacksScheduled))}
        previousLabel={copy.vsPrevious}
      />
      <StatCard
        icon={CalendarClock}
        label={copy.overdueCallbacks}
        value={n.integer(now.overdueCallbacks)}
        trend={countTrend(now.overdueCallbacks, before.overdueCallbacks, false, n, copy)}
        previousLabel={copy.vsPrevious}
      />
      <StatCard
        icon={PhoneOff}
        label={copy.wrongNumbers}
        value={n.integer(now.wrongNumbers)}
        trend={countTrend(now.wrongNumbers, before.wrongNumbers, false, n, copy)}
        previousLabel={copy.vsPrevious}
      />
    </section>
  );
}

export function KpiCardsSkeleton() {
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-5" aria-hidden>
      {[0, 1, 2, 3, 4].map((card) => (
        <Card key={card} className="space-y-4 p-5">
          <Skeleton className="h-4 w-2/3" />
          <Skeleton className="h-8 w-1/2" />
          <Skeleton className="h-4 w-3/4" />
        </Card>
      ))}
    </div>
  );
}
