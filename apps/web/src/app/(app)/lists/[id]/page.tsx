import { Suspense } from 'react';
import type { Metadata } from 'next';
import { HydrationBoundary } from '@tanstack/react-query';
import { listPageQueries } from '@/features/lists/lists.queries';
import { ListPage } from '@/features/lists/list-page';
import { prefetchOnServer, searchParamsGetter } from '@/lib/api/server-prefetch';
import { dictionaries, DEFAULT_LANGUAGE } from '@/lib/i18n/dictionaries';

export const metadata: Metadata = { title: dictionaries[DEFAULT_LANGUAGE].nav.lists };

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function Page({ params, searchParams }: Props) {
  const { id } = await params;
  const state = await prefetchOnServer(listPageQueries(id, searchParamsGetter(await searchParams)));
  return (
    <HydrationBoundary state={state}>
      <Suspense>
        <ListPage id={id} />
      </Suspense>
    </HydrationBoundary>
  );
}
