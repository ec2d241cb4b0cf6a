import { Suspense } from 'react';
import type { Metadata } from 'next';
import { SessionPage } from '@/features/session/session-page';
import { dictionaries, DEFAULT_LANGUAGE } from '@/lib/i18n/dictionaries';

export const metadata: Metadata = { title: dictionaries[DEFAULT_LANGUAGE].session.title };

export default function Page() {
  // The list part of the queue follows the /calls filters in the URL (useSearchParams).
  return (
    <Suspense>
      <SessionPage />
    </Suspense>
  );
}
