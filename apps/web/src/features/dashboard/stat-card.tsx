import type { LucideIcon } from 'lucide-react';
import { ArrowDownRight, ArrowUpRight, Minus } from 'lucide-react';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { cn } from '@/lib/cn';

export type Trend = {
  /** What the badge says: "+12 %", "−3 pts", "Nouveau". */
  label: string;
  /** Its full sentence for assistive technology. */
  description: string;
  direction: 'up' | 'down' | 'flat';
  /** Whether the change is good news (an increase of overdue callbacks is not). */
  isGood: boolean | null;
};

/** One KPI: its name and icon, the value of the period, and how it moved against the previous one. */
export function StatCard({
  icon: Icon,
  label,
  value,
  detail,
  trend,
  previousLabel,
}: {
  icon: LucideIcon;
  label: string;
  /** null while loading: the card keeps its size, with placeholders. */
  value: string | null;
  detail?: string | undefined;
  trend: Trend | null;
  previousLabel: string;
}) {
  const TrendIcon = trend?.direction === 'up' ? ArrowUpRight : trend?.direction === 'down' ? ArrowDownRight : Minus;
  return (
    <Card className="flex min-w-0 flex-col gap-3 p-4 sm:p-5">
      <div className="flex items-center justify-between gap-3">
        <h3 className="text-sm font-medium text-slate-600 dark:text-slate-400">{label}</h3>
        <span className="flex size-9 shrink-0 items-center justify-center rounded-xl bg-linear-to-br from-orchid-400/15 to-iris-500/15 text-iris-600 dark:from-orchid-400/20 dark:to-iris-500/20 dark:text-orchid-300">
          <Icon className="size-[18px]" aria-hidden />
        </span>
      </div>
      <p
        className="text-3xl font-bold tracking-tight text-slate-900 tabular-nums dark:text-white"
        data-testid="kpi-value"
      >
        {value}
      </p>
      <div className="mt-auto flex flex-wrap items-center gap-x-2 gap-y-1 text-xs">
        {trend ? (
          <span
            className={cn(
              'inline-flex items-center gap-0.5 rounded-full px-2 py-0.5 font-semibold',
              trend.isGood === null
                ? 'bg-slate-100 text-slate-700 dark:bg-slate-500/15 dark:text-slate-300'
                : trend.isGood
                  ? 'bg-emerald-50 text-emerald-700 dark:bg-emerald-500/15 dark:text-emerald-300'
                  : 'bg-rose-50 text-rose-700 dark:bg-rose-500/15 dark:text-rose-300',
            )}
          >
            <TrendIcon className="size-3.5" aria-hidden />
            <span aria-hidden>{trend.label}</span>
            <span className="sr-only">{trend.description}</span>
          </span>
        ) : null}
        {value === null ? (
          <Skeleton className="h-5 w-32" />
        ) : (
          <span className="text-slate-500 dark:text-slate-400">{detail ?? previousLabel}</span>
        )}
      </div>
    </Card>
  );
}
