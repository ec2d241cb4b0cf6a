'use client';

import { Clock3 } from 'lucide-react';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { useFormatter } from '@/lib/format/use-formatter';
import { useI18n } from '@/lib/i18n';
import type { KpiReport } from './dashboard.queries';
import { useNumbers } from './use-numbers';
import * as dashboardMessages from '@/lib/i18n/messages/dashboard';

type Cell = KpiReport['bestHours'][number];
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
/** Hours always shown (a working day), widened to any hour that has attempts. */
const DEFAULT_FIRST_HOUR = 8;
const DEFAULT_LAST_HOUR = 19;

/** The cell colour: the brand iris, more opaque the better the answer rate. */
function cellStyle(cell: Cell | undefined) {
  if (!cell) return undefined;
  return { backgroundColor: `rgb(114 100 255 / ${(0.12 + cell.rate * 0.88).toFixed(2)})` };
}

/** Best time to reach people: answer rate per weekday × hour, as a table a screen reader can walk. */
export function BestHoursHeatmap({ cells: loaded }: { cells: Cell[] | null }) {
  const cells = loaded ?? [];
  const { t } = useI18n({ dashboard: dashboardMessages });
  const copy = t.dashboard.heatmap;
  const format = useFormatter();
  const n = useNumbers();
  const byKey = new Map(cells.map((cell) => [`${cell.weekday}-${cell.hour}`, cell]));
  const hoursWithData = cells.map((cell) => cell.hour);
  const first = Math.min(DEFAULT_FIRST_HOUR, ...hoursWithData);
  const last = Math.max(DEFAULT_LAST_HOUR, ...hoursWithData);
  const hours = Array.from({ length: last - first + 1 }, (_, index) => first + index);
  const clock = (hour: number) => format.clock(`${String(hour).padStart(2, '0')}:00`);
  const shortHour = (hour: number) => clock(hour).replace(':00', '').replace(' ', '');
  // The best cell among those with a few attempts (one lucky call is not a pattern).
  const best = [...cells]
    .filter((cell) => cell.attempts >= 3)
    .sort((a, b) => b.rate - a.rate || b.attempts - a.attempts)[0];

  return (
    <Card className="p-5" aria-busy={loaded === null}>
      <div className="mb-4 flex flex-col gap-1 sm:flex-row sm:items-start sm:justify-between">
        <div>
          <h2 className="text-base font-semibold text-slate-900 dark:text-white">{copy.title}</h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">{copy.hint}</p>
        </div>
        {best ? (
          <p className="inline-flex items-center gap-1.5 rounded-full bg-iris-50 px-3 py-1 text-xs font-semibold text-iris-700 dark:bg-iris-500/15 dark:text-iris-200">
            <Clock3 className="size-3.5" aria-hidden />
            {copy.best(copy.weekdays[best.weekday - 1] ?? '', clock(best.hour), n.percent(best.rate))}
          </p>
        ) : null}
      </div>
      {loaded === null ? (
        <div className="space-y-1" aria-hidden>
          {[0, ...WEEKDAYS].map((row) => (
            <Skeleton key={row} className={row === 0 ? 'h-5' : 'h-7'} />
          ))}
          <Skeleton className="mt-3 ml-auto h-4 w-44" />
        </div>
      ) : cells.length === 0 ? (
        <p className="py-8 text-center text-sm text-slate-600 dark:text-slate-400">{copy.empty}</p>
      ) : (
        <>
          <div className="relative overflow-x-auto">
            <table className="w-full border-separate border-spacing-1 text-xs">
              <caption className="sr-only">{copy.title}</caption>
              <thead>
                <tr>
                  <td />
                  {hours.map((hour) => (
                    <th
                      key={hour}
                      scope="col"
                      className="px-0.5 pb-1 text-center font-medium text-slate-500 dark:text-slate-400"
                    >
                      <span aria-hidden>{shortHour(hour)}</span>
                      <span className="sr-only">{clock(hour)}</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {WEEKDAYS.map((weekday) => (
                  <tr key={weekday}>
                    <th
                      scope="row"
                      className="pr-2 text-left font-medium whitespace-nowrap text-slate-600 dark:text-slate-300"
                    >
                      <span aria-hidden>{copy.weekdaysShort[weekday - 1]}</span>
                      <span className="sr-only">{copy.weekdays[weekday - 1]}</span>
                    </th>
                    {hours.map((hour) => {
                      const cell = byKey.get(`${weekday}-${hour}`);
                      const label = cell
                        ? copy.cell(
                            copy.weekdays[weekday - 1] ?? '',
                            clock(hour),
                            n.percent(cell.rate),
                            cell.answered,
                            cell.attempts,
                          )
                        : copy.noAttempt;
                      return (
                        <td
                          key={hour}
                          title={label}
                          className="h-7 min-w-7 rounded-md bg-slate-100 dark:bg-night-800"
                          style={cellStyle(cell)}
                        >
                          <span className="sr-only">{label}</span>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div
            className="mt-3 flex items-center justify-end gap-2 text-xs text-slate-600 dark:text-slate-400"
            aria-hidden
          >
            <span>{copy.legendLow}</span>
            <span className="h-2.5 w-28 rounded-full bg-linear-to-r from-iris-500/15 to-iris-500" />
            <span>{copy.legendHigh}</span>
          </div>
        </>
      )}
    </Card>
  );
}
