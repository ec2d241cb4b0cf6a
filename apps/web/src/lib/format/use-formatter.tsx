'use client';

import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { DEFAULT_PROFILE } from '@ct/contracts/defaults';
import { createFormatter, type FormatPrefs, type Formatter } from './format';

const FormatterContext = createContext<Formatter | null>(null);

/**
 * Formats for one user's time zone, date and time formats and language: the signed-in user's, handed
 * in by the session (features/auth), as the language is to the I18nProvider. Before the user is known
 * (pages render only after, in the app shell) a new user's profile stands in.
 */
export function FormatterProvider({ prefs, children }: { prefs: FormatPrefs | null; children: ReactNode }) {
  const language = prefs?.language ?? DEFAULT_PROFILE.language;
  const timezone = prefs?.timezone ?? DEFAULT_PROFILE.timezone;
  const dateFormat = prefs?.dateFormat ?? DEFAULT_PROFILE.dateFormat;
  const timeFormat = prefs?.timeFormat ?? DEFAULT_PROFILE.timeFormat;
  const formatter = useMemo(
    () => createFormatter({ language, timezone, dateFormat, timeFormat }),
    [language, timezone, dateFormat, timeFormat],
  );
  return <FormatterContext value={formatter}>{children}</FormatterContext>;
}

/** The signed-in user's formatter (their time zone, date and time formats, language). */
export function useFormatter(): Formatter {
  const formatter = useContext(FormatterContext);
  if (!formatter) throw new Error('useFormatter must be used inside <FormatterProvider>');
  return formatter;
}
