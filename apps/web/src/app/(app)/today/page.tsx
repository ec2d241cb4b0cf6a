import type { Metadata } from 'next';
import { HydrationBoundary } from '@tanstack/react-query';
import { todayPageQueries } from '@/features/today/today.queries';
import { TodayPage } from '@/features/today/today-page';
import { prefetchOnServer } from '@/lib/api/server-prefetch';
import { dictionaries, DEFAULT_LANGUAGE } from '@/lib/i18n/dictionaries';

export const metadata: Metadata = { title: dictionaries[DEFAULT_LANGUAGE].pages.today.title };

export default async function Page() {
  const state = await prefetchOnServer(todayPageQueries());
  return (
    <HydrationBoundary state={state}>
      <TodayPage />
    </HydrationBoundary>
  );
}
