import { Suspense } from 'react';
import type { Metadata } from 'next';
import { HydrationBoundary } from '@tanstack/react-query';
import { callSessionPageQueries } from '@/features/call-session/call-session.queries';
import { CallSessionPage } from '@/features/call-session/call-session-page';
import { prefetchOnServer, searchParamsGetter } from '@/lib/api/server-prefetch';
import { dictionaries, DEFAULT_LANGUAGE } from '@/lib/i18n/dictionaries';

export const metadata: Metadata = { title: dictionaries[DEFAULT_LANGUAGE].nav.session };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function Page({ searchParams }: Props) {
  // The queue's first contacts are fetched while the page is served: the first call is on screen at once.
  const state = await prefetchOnServer(callSessionPageQueries(searchParamsGetter(await searchParams)));
  return (
    <HydrationBoundary state={state}>
      <Suspense>
        <CallSessionPage />
      </Suspense>
    </HydrationBoundary>
  );
}
