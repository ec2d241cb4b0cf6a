'use client';

import { useCallback, useSyncExternalStore } from 'react';
import { applyTheme, readTheme, subscribeToTheme, type Theme } from './theme';

/** The current theme, from the `dark` class on <html> (the server renders as light, then hydrates). */
export function useTheme() {
  const theme = useSyncExternalStore<Theme>(subscribeToTheme, readTheme, () => 'light');
  const toggleTheme = useCallback(() => applyTheme(readTheme() === 'dark' ? 'light' : 'dark'), []);
  return { theme, toggleTheme };
}
