import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';

export type BadgeTone = 'slate' | 'iris' | 'violet' | 'sky' | 'amber' | 'orange' | 'emerald' | 'rose';

const tones: Record<BadgeTone, { badge: string; dot: string }> = {
  slate: {
    badge:
      'bg-slate-100 text-slate-700 ring-slate-500/20 dark:bg-slate-500/15 dark:text-slate-200 dark:ring-slate-400/25',
    dot: 'bg-slate-400',
  },
  iris: {
    badge: 'bg-iris-50 text-iris-700 ring-iris-600/20 dark:bg-iris-500/15 dark:text-iris-200 dark:ring-iris-400/30',
    dot: 'bg-iris-500',
  },
  violet: {
    badge:
      'bg-fuchsia-50 text-fuchsia-800 ring-fuchsia-600/20 dark:bg-fuchsia-500/15 dark:text-fuchsia-200 dark:ring-fuchsia-400/30',
    dot: 'bg-fuchsia-500',
  },
  sky: {
    badge: 'bg-sky-50 text-sky-800 ring-sky-600/20 dark:bg-sky-500/15 dark:text-sky-200 dark:ring-sky-400/30',
    dot: 'bg-sky-500',
  },
  amber: {
    badge:
      'bg-amber-50 text-amber-800 ring-amber-600/25 dark:bg-amber-500/15 dark:text-amber-200 dark:ring-amber-400/30',
    dot: 'bg-amber-500',
  },
  orange: {
    badge:
      'bg-orange-50 text-orange-800 ring-orange-600/20 dark:bg-orange-500/15 dark:text-orange-200 dark:ring-orange-400/30',
    dot: 'bg-orange-500',
  },
  emerald: {
    badge:
      'bg-emerald-50 text-emerald-800 ring-emerald-600/20 dark:bg-emerald-500/15 dark:text-emerald-200 dark:ring-emerald-400/30',
    dot: 'bg-emerald-500',
  },
  rose: {
    badge: 'bg-rose-50 text-rose-800 ring-rose-600/20 dark:bg-rose-500/15 dark:text-rose-200 dark:ring-rose-400/30',
    dot: 'bg-rose-500',
  },
};

/** The dot colour of each tone, for legends and markers outside a badge. */
export const BADGE_DOTS = Object.fromEntries(
  Object.entries(tones).map(([tone, classes]) => [tone, classes.dot]),
) as Record<BadgeTone, string>;

/** A small rounded label: a status, a priority, a count. */
export function Badge({
  tone = 'slate',
  hasDot = false,
  className,
  children,
  ...props
}: ComponentProps<'span'> & { tone?: BadgeTone; hasDot?: boolean }) {
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset',
        tones[tone].badge,
        className,
      )}
      {...props}
    >
      {hasDot ? <span className={cn('size-1.5 rounded-full', tones[tone].dot)} aria-hidden /> : null}
      {children}
    </span>
  );
}
