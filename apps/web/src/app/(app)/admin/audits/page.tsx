import type { Metadata } from 'next';
import { AuditsPage } from '@/features/admin/audits-page';
import { DEFAULT_LANGUAGE } from '@/lib/i18n/dictionaries';
import * as adminMessages from '@/lib/i18n/messages/admin';

export const metadata: Metadata = { title: adminMessages[DEFAULT_LANGUAGE].tabs.audits };

export default function Page() {
  return <AuditsPage />;
}
