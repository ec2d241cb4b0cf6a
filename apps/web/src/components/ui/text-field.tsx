import { useId, type ComponentProps, type ReactNode } from 'react';
import { cn } from '@/lib/cn';

type TextFieldProps = ComponentProps<'input'> & { label: string; error?: string | undefined; icon?: ReactNode };

/** A labelled input with its validation message wired for assistive technology. */
export function TextField({ label, error, icon, id, className, ...props }: TextFieldProps) {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const errorId = `${inputId}-error`;
  return (
    <div className={className}>
      <label htmlFor={inputId} className="mb-1.5 block text-sm font-medium text-slate-700 dark:text-slate-300">
        {label}
      </label>
      <div className="relative">
        {icon ? (
          <span className="pointer-events-none absolute inset-y-0 left-3 flex items-center text-slate-400" aria-hidden>
            {icon}
          </span>
        ) : null}
        <input
          id={inputId}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className={cn(
            'block h-11 w-full rounded-xl border bg-white px-3.5 text-[0.9375rem] text-slate-900 shadow-sm transition',
            'placeholder:text-slate-400 focus:border-iris-500 focus:ring-4 focus:ring-iris-500/15 focus:outline-none',
            'dark:bg-night-950 dark:text-slate-100',
            icon ? 'pl-10' : null,
            error
              ? 'border-rose-400 dark:border-rose-500/70'
              : 'border-slate-300 dark:border-night-700',
          )}
          {...props}
        />
      </div>
      {error ? (
        <p id={errorId} className="mt-1.5 text-sm text-rose-600 dark:text-rose-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}
