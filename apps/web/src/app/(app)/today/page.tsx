import type { Metadata } from 'next';
import { TodayPage } from '@/features/today/today-page';
import { dictionaries, DEFAULT_LANGUAGE } from '@/lib/i18n/dictionaries';

export const metadata: Metadata = { title: dictionaries[DEFAULT_LANGUAGE].pages.today.title };

export default function Page() {
  return <TodayPage />;
}
