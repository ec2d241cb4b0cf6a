'use client';

import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import type { Language } from '@ct/contracts';
import {
  DEFAULT_LANGUAGE,
  dictionaries,
  messagesFor,
  type Dictionary,
  type MessageModules,
  type Messages,
} from './dictionaries';

const I18nContext = createContext<{ language: Language; t: Dictionary }>({
  language: DEFAULT_LANGUAGE,
  t: dictionaries[DEFAULT_LANGUAGE],
});

/** Provides the dictionary of `language` (the signed-in user's, French before sign-in). */
export function I18nProvider({ language, children }: { language: Language; children: ReactNode }) {
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const value = useMemo(() => ({ language, t: dictionaries[language] }), [language]);
  return <I18nContext value={value}>{children}</I18nContext>;
}

/**
 * The user's language and strings: the core dictionary, plus the features' modules passed
 * (`useI18n({ calls: callsMessages })` → `t.calls`). Pass the same names on every render.
 */
export function useI18n<M extends MessageModules = Record<never, never>>(
  modules?: M,
): { language: Language; t: Messages<M> } {
  const { language } = useContext(I18nContext);
  return { language, t: messagesFor(language, modules) };
}
