import type { Metadata } from 'next';
import { DashboardPage } from '@/features/dashboard/dashboard-page';
import { dictionaries, DEFAULT_LANGUAGE } from '@/lib/i18n/dictionaries';

export const metadata: Metadata = { title: dictionaries[DEFAULT_LANGUAGE].pages.dashboard.title };

export default function Page() {
  return <DashboardPage />;
}
