import type { Metadata } from 'next';
import { UsersPage } from '@/features/admin/users-page';
import { DEFAULT_LANGUAGE } from '@/lib/i18n/dictionaries';
import * as adminMessages from '@/lib/i18n/messages/admin';

export const metadata: Metadata = { title: adminMessages[DEFAULT_LANGUAGE].tabs.users };

export default function Page() {
  return <UsersPage />;
}
