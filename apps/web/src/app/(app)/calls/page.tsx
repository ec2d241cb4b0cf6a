import { Suspense } from 'react';
import type { Metadata } from 'next';
import { CallsPage } from '@/features/calls/calls-page';
import { dictionaries, DEFAULT_LANGUAGE } from '@/lib/i18n/dictionaries';

export const metadata: Metadata = { title: dictionaries[DEFAULT_LANGUAGE].pages.calls.title };

export default function Page() {
  // The view lives in the URL (useSearchParams): read on the client, inside a Suspense boundary.
  return (
    <Suspense>
      <CallsPage />
    </Suspense>
  );
}
