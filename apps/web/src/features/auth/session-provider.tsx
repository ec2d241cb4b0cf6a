'use client';

import { createContext, useContext, type ReactNode } from 'react';
import type { User } from '@ct/contracts';
import { FormatterProvider } from '@/lib/format/use-formatter';
import { DEFAULT_LANGUAGE, I18nProvider } from '@/lib/i18n';
import { useMe } from './use-me';

type Session =
  | { status: 'loading'; user: null; retry: () => void }
  | { status: 'error'; user: null; retry: () => void }
  | { status: 'ready'; user: User; retry: () => void };

const SessionContext = createContext<Session | null>(null);

/** Loads the signed-in user once for the whole app shell, and speaks their language and formats. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const me = useMe();
  const retry = () => void me.refetch();
  const session: Session = me.data
    ? { status: 'ready', user: me.data, retry }
    : me.isError
      ? { status: 'error', user: null, retry }
      : { status: 'loading', user: null, retry };
  return (
    <SessionContext value={session}>
      <I18nProvider language={me.data?.language ?? DEFAULT_LANGUAGE}>
        <FormatterProvider prefs={me.data ?? null}>{children}</FormatterProvider>
      </I18nProvider>
    </SessionContext>
  );
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside <SessionProvider>');
  return session;
}
