'use client';

import { useId, type KeyboardEvent } from 'react';
import { Check, ChevronDown } from 'lucide-react';
import { cn } from '@/lib/cn';
import { usePopover } from './use-popover';

export interface MultiSelectOption {
  value: string;
  label: string;
}

/**
 * Several values of a short vocabulary: a button that names the choice, opening a list of checkboxes
 * (arrow keys move, Space toggles, Escape closes). Renders the count when more than one is chosen.
 */
export function MultiSelect({
  label,
  options,
  value,
  onChange,
  allLabel,
  clearLabel,
  className,
}: {
  label: string;
  options: readonly MultiSelectOption[];
  value: readonly string[];
  onChange: (value: string[]) => void;
  /** What the button says when nothing is chosen ("Tous"). */
  allLabel: string;
  clearLabel: string;
  className?: string;
}) {
  const { isOpen, setIsOpen, rootRef, triggerRef } = usePopover<HTMLDivElement, HTMLButtonElement>();
  const panelId = useId();
  const chosen = options.filter((option) => value.includes(option.value));
  const summary = chosen.length === 0 ? allLabel : chosen.length === 1 ? chosen[0]?.label : `${chosen.length}`;

  const toggle = (optionValue: string) =>
    onChange(value.includes(optionValue) ? value.filter((v) => v !== optionValue) : [...value, optionValue]);

  const onListKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const boxes = [...event.currentTarget.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    const index = boxes.indexOf(document.activeElement as HTMLInputElement);
    const next = event.key === 'ArrowDown' ? Math.min(boxes.length - 1, index + 1) : Math.max(0, index - 1);
    boxes[next]?.focus();
  };

  return (
    <div ref={rootRef} className={cn('relative', className)}>
      <button
        ref={triggerRef}
        type="button"
        aria-expanded={isOpen}
        aria-controls={panelId}
        onClick={() => setIsOpen((open) => !open)}
        className={cn(
          'flex h-10 w-full items-center gap-2 rounded-xl border bg-white px-3 text-left text-sm shadow-sm transition',
          'border-slate-300 hover:border-slate-400 dark:border-night-700 dark:bg-night-950',
          chosen.length > 0 && 'border-iris-400 dark:border-iris-500/60',
        )}
      >
        <span className="text-slate-600 dark:text-slate-400">{label}</span>
        <span className="min-w-0 flex-1 truncate font-medium text-slate-900 dark:text-slate-100">
          {chosen.length > 1 ? (
            <span className="inline-flex h-5 min-w-5 items-center justify-center rounded-full bg-iris-600 px-1.5 text-xs text-white">
              {summary}
            </span>
          ) : (
            summary
          )}
        </span>
        <ChevronDown className={cn('size-4 shrink-0 text-slate-500 transition', isOpen && 'rotate-180')} aria-hidden />
      </button>
      {isOpen ? (
        <div
          id={panelId}
          role="group"
          aria-label={label}
          onKeyDown={onListKeyDown}
          className="absolute left-0 z-40 mt-2 w-64 max-w-[calc(100vw-2rem)] rounded-xl border border-slate-200 bg-white p-1.5 shadow-xl dark:border-night-700 dark:bg-night-900"
        >
          {options.map((option) => {
            const isChecked = value.includes(option.value);
            return (
              <label
                key={option.value}
                className="flex cursor-pointer items-center gap-2.5 rounded-lg px-2.5 py-2 text-sm text-slate-800 hover:bg-slate-100 has-[:focus-visible]:bg-slate-100 dark:text-slate-100 dark:hover:bg-night-800 dark:has-[:focus-visible]:bg-night-800"
              >
                <input
                  type="checkbox"
                  className="peer sr-only"
                  checked={isChecked}
                  onChange={() => toggle(option.value)}
                />
                <span
                  className={cn(
                    'flex size-4 shrink-0 items-center justify-center rounded border transition peer-focus-visible:ring-2 peer-focus-visible:ring-iris-500',
                    isChecked ? 'border-iris-600 bg-iris-600 text-white' : 'border-slate-400 dark:border-slate-500',
                  )}
                  aria-hidden
                >
                  {isChecked ? <Check className="size-3" strokeWidth={3} /> : null}
                </span>
                {option.label}
              </label>
            );
          })}
          {value.length > 0 ? (
            <button
              type="button"
              onClick={() => onChange([])}
              className="mt-1 w-full rounded-lg border-t border-slate-100 px-2.5 py-2 text-left text-sm font-medium text-iris-700 hover:bg-iris-50 dark:border-night-800 dark:text-iris-200 dark:hover:bg-iris-500/10"
            >
              {clearLabel}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
