import { Suspense } from 'react';
import type { Metadata } from 'next';
import { HydrationBoundary } from '@tanstack/react-query';
import { teamReportPageQueries } from '@/features/team-report/team-report.api';
import { TeamReportPage } from '@/features/team-report/team-report-page';
import { prefetchOnServer } from '@/lib/api/server-prefetch';
import { DEFAULT_LANGUAGE } from '@/lib/i18n/dictionaries';
import * as teamReportMessages from '@/lib/i18n/messages/team-report';

export const metadata: Metadata = { title: teamReportMessages[DEFAULT_LANGUAGE].title };

export default async function Page() {
  // The teams are known as the page is served: the picker and the "not allowed" state need no round trip.
  const state = await prefetchOnServer(teamReportPageQueries());
  return (
    <HydrationBoundary state={state}>
      <Suspense>
        <TeamReportPage />
      </Suspense>
    </HydrationBoundary>
  );
}
