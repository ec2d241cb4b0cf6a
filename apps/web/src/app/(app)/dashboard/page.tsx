import { Suspense } from 'react';
import type { Metadata } from 'next';
import { HydrationBoundary } from '@tanstack/react-query';
import { dashboardPageQueries } from '@/features/dashboard/dashboard.queries';
import { DashboardPage } from '@/features/dashboard/dashboard-page';
import { prefetchOnServer, searchParamsGetter } from '@/lib/api/server-prefetch';
import { dictionaries, DEFAULT_LANGUAGE } from '@/lib/i18n/dictionaries';

export const metadata: Metadata = { title: dictionaries[DEFAULT_LANGUAGE].pages.dashboard.title };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function Page({ searchParams }: Props) {
  // The KPIs and today's tables are fetched while the page is served: they are in the HTML, not two
  // round trips after hydration (the Lighthouse LCP was the last of them; docs/performance.md).
  const state = await prefetchOnServer(dashboardPageQueries(searchParamsGetter(await searchParams)));
  return (
    <HydrationBoundary state={state}>
      <Suspense>
        <DashboardPage />
      </Suspense>
    </HydrationBoundary>
  );
}
