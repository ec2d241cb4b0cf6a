'use client';

import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import type { Language } from '@ct/contracts';
import { DEFAULT_LANGUAGE, dictionaries, type Dictionary } from './dictionaries';

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

export function useI18n() {
  return useContext(I18nContext);
}
