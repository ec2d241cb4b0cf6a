import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';

export function Card({ className, ...props }: ComponentProps<'section'>) {
  return (
    <section
      className={cn(
        'rounded-2xl border border-slate-200/80 bg-white shadow-soft dark:border-night-800 dark:bg-night-900',
        className,
      )}
      {...props}
    />
  );
}
