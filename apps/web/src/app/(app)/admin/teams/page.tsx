import type { Metadata } from 'next';
import { HydrationBoundary } from '@tanstack/react-query';
import { teamsPageQueries } from '@/features/teams/teams.queries';
import { TeamsPage } from '@/features/teams/teams-page';
import { prefetchOnServer } from '@/lib/api/server-prefetch';
import { dictionaries, DEFAULT_LANGUAGE } from '@/lib/i18n/dictionaries';

export const metadata: Metadata = { title: dictionaries[DEFAULT_LANGUAGE].admin.tabs.teams };

export default async function Page() {
  const state = await prefetchOnServer(teamsPageQueries());
  return (
    <HydrationBoundary state={state}>
      <TeamsPage />
    </HydrationBoundary>
  );
}
