'use client';

import { useMemo } from 'react';
import { useSession } from '@/features/auth/session-provider';
import { createFormatter, type Formatter } from './format';

/** The signed-in user's formatter (their time zone, date and time formats, language). */
export function useFormatter(): Formatter {
  const { user } = useSession();
  // Pages render once the user is known (AppShell): the fallbacks (a new user's profile) never show.
  const language = user?.language ?? 'fr';
  const timezone = user?.timezone ?? 'Europe/Paris';
  const dateFormat = user?.dateFormat ?? 'dd/MM/yyyy';
  const timeFormat = user?.timeFormat ?? '24h';
  return useMemo(
    () => createFormatter({ language, timezone, dateFormat, timeFormat }),
    [language, timezone, dateFormat, timeFormat],
  );
}
