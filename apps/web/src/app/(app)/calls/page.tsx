import { Suspense } from 'react';
import type { Metadata } from 'next';
import { HydrationBoundary } from '@tanstack/react-query';
import { callsPageQueries } from '@/features/calls/calls.queries';
import { CallsPage } from '@/features/calls/calls-page';
import { prefetchOnServer, searchParamsGetter } from '@/lib/api/server-prefetch';
import { dictionaries, DEFAULT_LANGUAGE } from '@/lib/i18n/dictionaries';

export const metadata: Metadata = { title: dictionaries[DEFAULT_LANGUAGE].pages.calls.title };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function Page({ searchParams }: Props) {
  // The list of the view in the URL is fetched while the page is served; the browser reads it from the cache.
  const state = await prefetchOnServer(callsPageQueries(searchParamsGetter(await searchParams)));
  return (
    <HydrationBoundary state={state}>
      <Suspense>
        <CallsPage />
      </Suspense>
    </HydrationBoundary>
  );
}
