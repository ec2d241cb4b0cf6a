import type { Metadata } from 'next';
import { SettingsPage } from '@/features/settings/settings-page';
import { dictionaries, DEFAULT_LANGUAGE } from '@/lib/i18n/dictionaries';

export const metadata: Metadata = { title: dictionaries[DEFAULT_LANGUAGE].pages.settings.title };

export default function Page() {
  return <SettingsPage />;
}
