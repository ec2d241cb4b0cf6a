import type { Metadata } from 'next';
import { UsersPage } from '@/features/admin/users-page';
import { dictionaries, DEFAULT_LANGUAGE } from '@/lib/i18n/dictionaries';

export const metadata: Metadata = { title: dictionaries[DEFAULT_LANGUAGE].admin.tabs.users };

export default function Page() {
  return <UsersPage />;
}
