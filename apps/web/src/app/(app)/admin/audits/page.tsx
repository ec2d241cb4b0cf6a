import type { Metadata } from 'next';
import { AuditsPage } from '@/features/admin/audits-page';
import { dictionaries, DEFAULT_LANGUAGE } from '@/lib/i18n/dictionaries';

export const metadata: Metadata = { title: dictionaries[DEFAULT_LANGUAGE].admin.tabs.audits };

export default function Page() {
  return <AuditsPage />;
}
