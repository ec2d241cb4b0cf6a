import { useId, type ComponentProps, type ReactNode } from 'react';
import { ChevronDown } from 'lucide-react';
import { cn } from '@/lib/cn';

/** The look of every text-like control (inputs, selects, text areas), with its error state. */
export function controlClasses(hasError: boolean, className?: string) {
  return cn(
    'block w-full rounded-xl border bg-white px-3 text-sm text-slate-900 shadow-sm transition',
    'placeholder:text-slate-400 focus:border-iris-500 focus:ring-4 focus:ring-iris-500/15 focus:outline-none',
    'disabled:cursor-not-allowed disabled:opacity-60 dark:bg-night-950 dark:text-slate-100 dark:placeholder:text-slate-500',
    hasError ? 'border-rose-400 dark:border-rose-500/70' : 'border-slate-300 dark:border-night-700',
    className,
  );
}

interface FieldShellProps {
  label: ReactNode;
  error?: string | undefined;
  hint?: ReactNode;
  className?: string;
  /** Visually hidden label (the control still has its name). */
  hideLabel?: boolean;
  children: (ids: { id: string; describedBy: string | undefined; hasError: boolean }) => ReactNode;
}

/** A label, the control, then a hint or the validation message, wired for assistive technology. */
export function FieldShell({ label, error, hint, className, hideLabel, children }: FieldShellProps) {
  const id = useId();
  const messageId = `${id}-message`;
  const hasMessage = Boolean(error || hint);
  return (
    <div className={className}>
      <label
        htmlFor={id}
        className={cn('mb-1.5 block text-sm font-medium text-slate-700 dark:text-slate-300', hideLabel && 'sr-only')}
      >
        {label}
      </label>
      {children({ id, describedBy: hasMessage ? messageId : undefined, hasError: Boolean(error) })}
      {error ? (
        <p id={messageId} className="mt-1.5 text-sm text-rose-600 dark:text-rose-400">
          {error}
        </p>
      ) : hint ? (
        <p id={messageId} className="mt-1.5 text-xs text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

type CommonProps = {
  label: ReactNode;
  error?: string | undefined;
  hint?: ReactNode;
  hideLabel?: boolean;
  wrapperClassName?: string;
};

export function InputField({
  label,
  error,
  hint,
  hideLabel,
  wrapperClassName,
  className,
  ...props
}: ComponentProps<'input'> & CommonProps) {
  return (
    <FieldShell label={label} error={error} hint={hint} hideLabel={hideLabel} className={wrapperClassName}>
      {({ id, describedBy, hasError }) => (
        <input
          id={id}
          aria-invalid={hasError || undefined}
          aria-describedby={describedBy}
          className={controlClasses(hasError, cn('h-10', className))}
          {...props}
        />
      )}
    </FieldShell>
  );
}

export function TextareaField({
  label,
  error,
  hint,
  hideLabel,
  wrapperClassName,
  className,
  ...props
}: ComponentProps<'textarea'> & CommonProps) {
  return (
    <FieldShell label={label} error={error} hint={hint} hideLabel={hideLabel} className={wrapperClassName}>
      {({ id, describedBy, hasError }) => (
        <textarea
          id={id}
          aria-invalid={hasError || undefined}
          aria-describedby={describedBy}
          className={controlClasses(hasError, cn('min-h-20 py-2', className))}
          {...props}
        />
      )}
    </FieldShell>
  );
}

/** A styled native select: the platform's own keyboard and screen reader support, and it works on phones. */
export function SelectField({
  label,
  error,
  hint,
  hideLabel,
  wrapperClassName,
  className,
  options,
  ...props
}: ComponentProps<'select'> & CommonProps & { options: readonly { value: string; label: string }[] }) {
  return (
    <FieldShell label={label} error={error} hint={hint} hideLabel={hideLabel} className={wrapperClassName}>
      {({ id, describedBy, hasError }) => (
        <div className="relative">
          <select
            id={id}
            aria-invalid={hasError || undefined}
            aria-describedby={describedBy}
            className={controlClasses(hasError, cn('h-10 appearance-none pr-9', className))}
            {...props}
          >
            {options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
          <ChevronDown
            className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-slate-500"
            aria-hidden
          />
        </div>
      )}
    </FieldShell>
  );
}
