'use client';

import { useMemo } from 'react';
import { DEFAULT_PROFILE } from '@ct/contracts/defaults';
import { useSession } from '@/features/auth/session-provider';
import { createFormatter, type Formatter } from './format';

/** The signed-in user's formatter (their time zone, date and time formats, language). */
export function useFormatter(): Formatter {
  const { user } = useSession();
  // Pages render once the user is known (AppShell): the fallbacks (a new user's profile) never show.
  const language = user?.language ?? DEFAULT_PROFILE.language;
  const timezone = user?.timezone ?? DEFAULT_PROFILE.timezone;
  const dateFormat = user?.dateFormat ?? DEFAULT_PROFILE.dateFormat;
  const timeFormat = user?.timeFormat ?? DEFAULT_PROFILE.timeFormat;
  return useMemo(
    () => createFormatter({ language, timezone, dateFormat, timeFormat }),
    [language, timezone, dateFormat, timeFormat],
  );
}
