import { cn } from '@/lib/cn';

/** A placeholder block while data loads (hidden from assistive technology: the region says it is busy). */
export function Skeleton({ className }: { className?: string }) {
  return (
    <span className={cn('block animate-pulse rounded-lg bg-slate-200/80 dark:bg-night-800', className)} aria-hidden />
  );
}

/** A stack of placeholder rows, for lists and tables. */
export function SkeletonRows({ rows = 5, className }: { rows?: number; className?: string }) {
  return (
    <div className={cn('space-y-3', className)} aria-hidden>
      {Array.from({ length: rows }, (_, index) => (
        <div key={index} className="flex items-center gap-4">
          <Skeleton className="size-9 shrink-0 rounded-full" />
          <div className="flex-1 space-y-2">
            <Skeleton className="h-3.5 w-2/5" />
            <Skeleton className="h-3 w-1/4" />
          </div>
          <Skeleton className="hidden h-6 w-20 rounded-full sm:block" />
        </div>
      ))}
    </div>
  );
}
