import type { Metadata } from 'next';
import { HydrationBoundary } from '@tanstack/react-query';
import { teamPageQueries } from '@/features/teams/teams.queries';
import { TeamPage } from '@/features/teams/team-page';
import { prefetchOnServer } from '@/lib/api/server-prefetch';
import { DEFAULT_LANGUAGE } from '@/lib/i18n/dictionaries';
import * as adminMessages from '@/lib/i18n/messages/admin';

export const metadata: Metadata = { title: adminMessages[DEFAULT_LANGUAGE].tabs.teams };

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
