'use client';

import { useCallback, useMemo } from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { DEFAULT_FILTERS, filtersFromSearchParams, filtersToSearch, type CallFilters } from './call-filters';

/**
 * The list view held in the URL: reading it, and changing it with `router.replace` (a filter change is
 * not a new history entry; the page is). Parameters that are not filters (`open`) are kept.
 */
export function useCallFilters() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters = useMemo(() => filtersFromSearchParams(searchParams), [searchParams]);

  const setFilters = useCallback(
    (change: Partial<CallFilters>) => {
      // Narrowing or re-sorting the list starts again from its first page.
      const next: CallFilters = { ...filters, ...change, page: change.page ?? 1 };
      const params = new URLSearchParams(filtersToSearch(next));
      const open = searchParams.get('open');
      if (open) params.set('open', open);
      const search = params.toString();
      router.replace(`${pathname}${search ? `?${search}` : ''}`, { scroll: false });
    },
    [filters, pathname, router, searchParams],
  );

  const resetFilters = useCallback(
    () => setFilters({ ...DEFAULT_FILTERS, sort: filters.sort, pageSize: filters.pageSize }),
    [filters, setFilters],
  );

  return { filters, setFilters, resetFilters };
}
