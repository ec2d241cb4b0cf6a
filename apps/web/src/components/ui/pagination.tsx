import { ChevronLeft, ChevronRight } from 'lucide-react';
import { cn } from '@/lib/cn';

/** "1–25 sur 312" and previous/next buttons. */
export function Pagination({
  page,
  pageSize,
  total,
  onPage,
  labels,
  className,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  labels: { nav: string; previous: string; next: string; range: (from: number, to: number, total: number) => string };
  className?: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const buttonClass =
    'inline-flex size-9 items-center justify-center rounded-lg border border-slate-200 bg-white text-slate-700 transition hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-40 dark:border-night-700 dark:bg-night-800 dark:text-slate-200 dark:hover:bg-night-700';
  return (
    <nav aria-label={labels.nav} className={cn('flex items-center justify-between gap-3', className)}>
      <p className="text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
        {labels.range(from, to, total)}
      </p>
      <div className="flex items-center gap-2">
        <button
          type="button"
          className={buttonClass}
          disabled={page <= 1}
          onClick={() => onPage(page - 1)}
          aria-label={labels.previous}
          title={labels.previous}
        >
          <ChevronLeft className="size-4" aria-hidden />
        </button>
        <span className="min-w-12 text-center text-sm font-medium text-slate-700 tabular-nums dark:text-slate-300">
          {page} / {pages}
        </span>
        <button
          type="button"
          className={buttonClass}
          disabled={page >= pages}
          onClick={() => onPage(page + 1)}
          aria-label={labels.next}
          title={labels.next}
        >
          <ChevronRight className="size-4" aria-hidden />
        </button>
      </div>
    </nav>
  );
}
