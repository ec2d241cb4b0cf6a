import type { ComponentProps, ReactNode } from 'react';
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import { cn } from '@/lib/cn';

export function Table({ className, ...props }: ComponentProps<'table'>) {
  return <table className={cn('w-full border-collapse text-left text-sm', className)} {...props} />;
}

/** A column header; `isFlush` leaves the padding to its content (a sort button fills the cell). */
export function Th({ className, isFlush = false, ...props }: ComponentProps<'th'> & { isFlush?: boolean }) {
  return (
    <th
      scope="col"
      className={cn(
        !isFlush && 'px-3 py-3',
        'border-b border-slate-200 text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase dark:border-night-800 dark:text-slate-400',
        className,
      )}
      {...props}
    />
  );
}

export type SortDirection = 'asc' | 'desc';

/** A column header that sorts: a button inside the header cell, and `aria-sort` on the cell. */
export function SortableTh({
  children,
  direction,
  onSort,
  sortLabel,
  className,
}: {
  children: ReactNode;
  direction: SortDirection | null;
  onSort: () => void;
  /** Announced on the button, e.g. "Trier par nom". */
  sortLabel: string;
  className?: string;
}) {
  const Icon = direction === 'asc' ? ArrowUp : direction === 'desc' ? ArrowDown : ArrowUpDown;
  return (
    <Th
      isFlush
      aria-sort={direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none'}
      className={className}
    >
      <button
        type="button"
        onClick={onSort}
        title={sortLabel}
        className={cn(
          'group inline-flex w-full items-center gap-1.5 px-3 py-3 text-left uppercase transition hover:text-slate-900 dark:hover:text-white',
          direction && 'text-iris-700 dark:text-iris-200',
        )}
      >
        {children}
        <Icon className={cn('size-3.5', direction ? 'opacity-100' : 'opacity-40 group-hover:opacity-80')} aria-hidden />
      </button>
    </Th>
  );
}

export function Td({ className, ...props }: ComponentProps<'td'>) {
  return (
    <td
      className={cn('border-b border-slate-100 px-3 py-3 align-middle dark:border-night-800', className)}
      {...props}
    />
  );
}
