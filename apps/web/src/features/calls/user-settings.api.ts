import { api, unwrap } from '@/lib/api';
import type { components } from '@/lib/api/schema';

export type UserSettings = components['schemas']['Settings'];

export const userSettingsQueryKey = ['me', 'settings'] as const;

export function fetchUserSettings(): Promise<UserSettings> {
  return unwrap(api.GET('/me/settings'));
}
