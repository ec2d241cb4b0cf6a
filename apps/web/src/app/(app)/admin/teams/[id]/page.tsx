import type { Metadata } from 'next';
import { HydrationBoundary } from '@tanstack/react-query';
import { teamPageQueries } from '@/features/teams/teams.queries';
import { TeamPage } from '@/features/teams/team-page';
import { prefetchOnServer } from '@/lib/api/server-prefetch';
import { dictionaries, DEFAULT_LANGUAGE } from '@/lib/i18n/dictionaries';

export const metadata: Metadata = { title: dictionaries[DEFAULT_LANGUAGE].admin.tabs.teams };

type Props = { params: Promise<{ id: string }> };

export default async function Page({ params }: Props) {
  const { id } = await params;
  const state = await prefetchOnServer(teamPageQueries(id));
  return (
    <HydrationBoundary state={state}>
      <TeamPage id={id} />
    </HydrationBoundary>
  );
}
