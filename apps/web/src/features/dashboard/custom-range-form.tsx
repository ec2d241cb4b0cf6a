'use client';

import { Button } from '@/components/ui/button';
import { InputField } from '@/components/ui/field';
import type { Messages } from '@/lib/i18n';
import type * as dashboardMessages from '@/lib/i18n/messages/dashboard';

/** The range picker's custom dates, below its buttons (loaded with next/dynamic when first opened). */
export function CustomRangeForm({
  id,
  labels: copy,
  from,
  to,
  isInvalid,
  onFrom,
  onTo,
  onSubmit,
}: {
  id: string;
  labels: Messages<{ dashboard: typeof dashboardMessages }>['dashboard']['range'];
  from: string;
  to: string;
  isInvalid: boolean;
  onFrom: (value: string) => void;
  onTo: (value: string) => void;
  onSubmit: () => void;
}) {
  return (
    <form
      id={id}
      noValidate
      aria-label={copy.custom}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
      className="absolute right-0 z-30 mt-2 w-[min(20rem,calc(100vw-2rem))] space-y-3 rounded-2xl border border-slate-200 bg-white p-4 shadow-xl dark:border-night-700 dark:bg-night-900"
    >
      <div className="grid grid-cols-2 gap-3">
        <InputField
          label={copy.from}
          type="date"
          value={from}
          max={to || undefined}
          onChange={(event) => onFrom(event.target.value)}
          required
        />
        <InputField
          label={copy.to}
          type="date"
          value={to}
          min={from || undefined}
          onChange={(event) => onTo(event.target.value)}
          required
        />
      </div>
      {isInvalid ? (
        <p role="alert" className="text-sm text-rose-600 dark:text-rose-400">
          {copy.invalid}
        </p>
      ) : null}
      <Button type="submit" className="w-full">
        {copy.apply}
      </Button>
    </form>
  );
}
