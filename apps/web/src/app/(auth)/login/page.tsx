import type { Metadata } from 'next';
import { LoginView } from '@/features/auth/login-view';
import type { LoginNotice } from '@/features/auth/login-form';
import { DEFAULT_LANGUAGE } from '@/lib/i18n/dictionaries';
import * as loginMessages from '@/lib/i18n/messages/login';
import { safeNextPath } from '@/lib/safe-redirect';

export const metadata: Metadata = { title: loginMessages[DEFAULT_LANGUAGE].title };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function first(value: string | string[] | undefined) {
  return Array.isArray(value) ? value[0] : value;
}

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const reason = first(params.reason);
  const notice: LoginNotice = reason === 'signed-out' || reason === 'expired' ? reason : null;
  return <LoginView next={safeNextPath(first(params.next))} notice={notice} />;
}
