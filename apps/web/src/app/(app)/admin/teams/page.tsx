import type { Metadata } from 'next';
import { HydrationBoundary } from '@tanstack/react-query';
import { teamsPageQueries } from '@/features/teams/teams.queries';
import { TeamsPage } from '@/features/teams/teams-page';
import { prefetchOnServer } from '@/lib/api/server-prefetch';
import { DEFAULT_LANGUAGE } from '@/lib/i18n/dictionaries';
import * as adminMessages from '@/lib/i18n/messages/admin';

export const metadata: Metadata = { title: adminMessages[DEFAULT_LANGUAGE].tabs.teams };

export default async function Page() {
  const state = await prefetchOnServer(teamsPageQueries());
  return (
    <HydrationBoundary state={state}>
      <TeamsPage />
    </HydrationBoundary>
  );
}
