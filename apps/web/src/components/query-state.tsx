'use client';

import type { ReactNode } from 'react';
import { CircleAlert } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { cn } from '@/lib/cn';
import { useI18n } from '@/lib/i18n';

/**
 * What failed to load, and a way to ask again (role="alert", so it is announced). `page` stands alone
 * where the page's content would be; `section` sits inside a card, a dialog or a panel.
 */
export function LoadError({
  message,
  onRetry,
  variant = 'page',
}: {
  message: string;
  /** Left out when asking again cannot help (a contact that no longer exists). */
  onRetry?: (() => void) | undefined;
  variant?: 'page' | 'section';
}) {
  const { t } = useI18n();
  const isPage = variant === 'page';
  const Frame = isPage ? Card : 'div';
  return (
    <Frame
      role="alert"
      className={cn('flex flex-col items-center text-center', isPage ? 'gap-4 px-6 py-12' : 'gap-3 px-5 py-8')}
    >
      <CircleAlert className={cn('text-rose-500', isPage ? 'size-8' : 'size-6')} aria-hidden />
      <p className="text-sm text-slate-700 dark:text-slate-300">{message}</p>
      {onRetry ? (
        <Button variant="secondary" onClick={onRetry}>
          {t.common.retry}
        </Button>
      ) : null}
    </Frame>
  );
}

/** The part of a TanStack query result that QueryState reads. */
export interface QueryStateSource<T> {
  data: T | undefined;
  isError: boolean;
  refetch: () => unknown;
}

/**
 * The states of a region fed by one query: its data once there (what was loaded stays on screen when a
 * background refetch fails), else the error with a retry, else the loading placeholder; `empty` stands
 * in for data that `isEmpty` finds empty.
 */
export function QueryState<T>({
  query,
  errorMessage,
  loading,
  isEmpty,
  empty,
  variant,
  children,
}: {
  query: QueryStateSource<T>;
  errorMessage: string;
  loading: ReactNode;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  variant?: 'page' | 'section';
  children: (data: T) => ReactNode;
}) {
  if (query.data !== undefined) {
    return isEmpty?.(query.data) && empty !== undefined ? empty : children(query.data);
  }
  if (query.isError) {
    return <LoadError message={errorMessage} onRetry={() => void query.refetch()} variant={variant} />;
  }
  return loading;
}
