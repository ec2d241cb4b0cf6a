import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';

/** A keyboard key, as shown on buttons and in the shortcuts help. */
export function Kbd({ className, ...props }: ComponentProps<'kbd'>) {
  return (
    <kbd
      className={cn(
        'inline-flex h-5 min-w-5 items-center justify-center rounded-md border border-slate-300 bg-white px-1 font-mono text-[11px] font-semibold text-slate-700 shadow-[0_1px_0_rgb(0_0_0/0.08)]',
        'dark:border-night-700 dark:bg-night-950 dark:text-slate-200',
        className,
      )}
      {...props}
    />
  );
}
