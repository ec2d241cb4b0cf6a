import { Suspense } from 'react';
import type { Metadata } from 'next';
import { HydrationBoundary } from '@tanstack/react-query';
import { remindersPageQueries } from '@/features/reminders/reminders.queries';
import { RemindersPage } from '@/features/reminders/reminders-page';
import { prefetchOnServer, searchParamsGetter } from '@/lib/api/server-prefetch';
import { dictionaries, DEFAULT_LANGUAGE } from '@/lib/i18n/dictionaries';

export const metadata: Metadata = { title: dictionaries[DEFAULT_LANGUAGE].pages.reminders.title };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function Page({ searchParams }: Props) {
  const state = await prefetchOnServer(remindersPageQueries(searchParamsGetter(await searchParams)));
  // The day shown lives in the URL (useSearchParams).
  return (
    <HydrationBoundary state={state}>
      <Suspense>
        <RemindersPage />
      </Suspense>
    </HydrationBoundary>
  );
}
