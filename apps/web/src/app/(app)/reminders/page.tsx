import { Suspense } from 'react';
import type { Metadata } from 'next';
import { RemindersPage } from '@/features/reminders/reminders-page';
import { dictionaries, DEFAULT_LANGUAGE } from '@/lib/i18n/dictionaries';

export const metadata: Metadata = { title: dictionaries[DEFAULT_LANGUAGE].pages.reminders.title };

export default function Page() {
  // The day shown lives in the URL (useSearchParams).
  return (
    <Suspense>
      <RemindersPage />
    </Suspense>
  );
}
