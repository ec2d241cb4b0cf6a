import { Suspense } from 'react';
import type { Metadata } from 'next';
import { HydrationBoundary } from '@tanstack/react-query';
import { listsPageQueries } from '@/features/lists/lists.queries';
import { ListsPage } from '@/features/lists/lists-page';
import { prefetchOnServer, searchParamsGetter } from '@/lib/api/server-prefetch';
import { dictionaries, DEFAULT_LANGUAGE } from '@/lib/i18n/dictionaries';

export const metadata: Metadata = { title: dictionaries[DEFAULT_LANGUAGE].nav.lists };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function Page({ searchParams }: Props) {
  const state = await prefetchOnServer(listsPageQueries(searchParamsGetter(await searchParams)));
  return (
    <HydrationBoundary state={state}>
      <Suspense>
        <ListsPage />
      </Suspense>
    </HydrationBoundary>
  );
}
