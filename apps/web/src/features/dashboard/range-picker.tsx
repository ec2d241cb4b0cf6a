'use client';

import { useId, useState } from 'react';
import dynamic from 'next/dynamic';
import { CalendarRange } from 'lucide-react';
import { REPORT_PRESETS } from '@ct/contracts/constants';
import { usePopover } from '@/components/ui/use-popover';
import { cn } from '@/lib/cn';
import { useI18n } from '@/lib/i18n';
import { isValidCustomRange, type ParsedRange } from './report-range';
import * as dashboardMessages from '@/lib/i18n/messages/dashboard';

// The custom dates' form loads when it is first asked for (pointer over or focus on its button).
const loadCustomRangeForm = () => import('./custom-range-form');
const CustomRangeForm = dynamic(() => loadCustomRangeForm().then((module) => module.CustomRangeForm), {
  ssr: false,
});

const segment =
  'h-9 flex-1 rounded-lg px-2 text-[0.8125rem] font-medium whitespace-nowrap transition sm:flex-none sm:px-3 sm:text-sm ' +
  'focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-iris-500';
const segmentActive = 'bg-white text-iris-700 shadow-sm dark:bg-night-700 dark:text-white';
const segmentIdle = 'text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white';

/** 7 / 30 / 90 days or a custom range; the choice lives in the URL (`?range=`). */
export function RangePicker({
  range,
  onChange,
  fallbackFrom,
  fallbackTo,
}: {
  range: ParsedRange;
  onChange: (range: ParsedRange) => void;
  /** The dates the custom form starts from (the period on screen). */
  fallbackFrom: string;
  fallbackTo: string;
}) {
  const { t } = useI18n({ dashboard: dashboardMessages });
  const copy = t.dashboard.range;
  const { isOpen, setIsOpen, close, rootRef, triggerRef } = usePopover<HTMLDivElement, HTMLButtonElement>();
  const panelId = useId();
  const [from, setFrom] = useState(range.kind === 'custom' ? range.from : fallbackFrom);
  const [to, setTo] = useState(range.kind === 'custom' ? range.to : fallbackTo);
  const [isInvalid, setIsInvalid] = useState(false);

  const openCustom = () => {
    setFrom(range.kind === 'custom' ? range.from : fallbackFrom);
    setTo(range.kind === 'custom' ? range.to : fallbackTo);
    setIsInvalid(false);
    setIsOpen((open) => !open);
  };

  return (
    <div ref={rootRef} className="relative w-full sm:w-auto">
      <div
        role="group"
        aria-label={copy.label}
        className="flex w-full gap-1 rounded-xl bg-slate-200/70 p-1 sm:inline-flex sm:w-auto dark:bg-night-800"
      >
        {REPORT_PRESETS.map((preset) => {
          const isActive = range.kind === 'preset' && range.preset === preset;
          return (
            <button
              key={preset}
              type="button"
              aria-pressed={isActive}
              onClick={() => onChange({ kind: 'preset', preset })}
              className={cn(segment, isActive ? segmentActive : segmentIdle)}
            >
              {copy.presets[preset]}
            </button>
          );
        })}
        <button
          ref={triggerRef}
          type="button"
          aria-pressed={range.kind === 'custom'}
          aria-expanded={isOpen}
          aria-controls={isOpen ? panelId : undefined}
          onClick={openCustom}
          onPointerEnter={() => void loadCustomRangeForm()}
          onFocus={() => void loadCustomRangeForm()}
          className={cn(
            segment,
            'inline-flex items-center gap-1.5',
            range.kind === 'custom' ? segmentActive : segmentIdle,
          )}
        >
          <CalendarRange className="size-4" aria-hidden />
          {copy.custom}
        </button>
      </div>
      {isOpen ? (
        <CustomRangeForm
          id={panelId}
          labels={copy}
          from={from}
          to={to}
          isInvalid={isInvalid}
          onFrom={setFrom}
          onTo={setTo}
          onSubmit={() => {
            if (!isValidCustomRange(from, to)) {
              setIsInvalid(true);
              return;
            }
            onChange({ kind: 'custom', from, to });
            close(true);
          }}
        />
      ) : null}
    </div>
  );
}
