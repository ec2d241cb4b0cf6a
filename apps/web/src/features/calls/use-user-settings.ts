'use client';

import { useQuery } from '@tanstack/react-query';
import { fetchUserSettings, userSettingsQueryKey, type UserSettings } from './user-settings.api';

export { fetchUserSettings, userSettingsQueryKey, type UserSettings };

/**
 * Stands in for the few hundred milliseconds before GET /me/settings answers: the defaults of a new user
 * (contracts › DEFAULT_SETTINGS, restated because that module pulls zod and libphonenumber's full
 * metadata into the first load). Deleting waits for the real value: the fallback asks to confirm.
 */
const FALLBACK_SETTINGS: UserSettings = {
  workHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' },
  defaultReminderSlot: '10:00',
  defaultStatusAfterCall: 'reached',
  confirmBeforeDelete: true,
  remindersOrder: 'time',
  preReminderDelay: 15,
  maxAttempts: 5,
  phoneRegion: 'FR',
  enableReminders: true,
  enableNotifications: true,
  notifReminder: true,
  notifCalls: true,
  notifFraud: true,
  notifFrequency: 'realtime',
  urgentHighlight: true,
};

/**
 * The caller's work settings (GET /me/settings): work hours, reminder slot and order, delete
 * confirmation, phone region… Until they arrive, the defaults of a new user stand in (confirmation on).
 */
export function useUserSettings() {
  const query = useQuery({ queryKey: userSettingsQueryKey, queryFn: fetchUserSettings, staleTime: 60_000 });
  return { settings: query.data ?? FALLBACK_SETTINGS, isLoaded: query.isSuccess };
}
