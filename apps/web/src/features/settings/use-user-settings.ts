'use client';

import { useQuery } from '@tanstack/react-query';
import { DEFAULT_SETTINGS } from '@ct/contracts/defaults';
import { userSettingsQuery } from './settings.queries';

/**
 * The caller's work settings (GET /me/settings): work hours, reminder slot and order, delete
 * confirmation, phone region… Until they arrive, the defaults of a new user stand in (confirmation on,
 * so a delete asked meanwhile is confirmed).
 */
export function useUserSettings() {
  const query = useQuery(userSettingsQuery());
  return { settings: query.data ?? DEFAULT_SETTINGS, isLoaded: query.isSuccess };
}
