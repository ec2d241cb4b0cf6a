import type { User } from '@ct/contracts';
import { api, unwrap } from '@/lib/api';
import type { components, paths } from '@/lib/api/schema';

export type ProfilePatch = NonNullable<paths['/me']['patch']['requestBody']>['content']['application/json'];
export type SettingsPatch = NonNullable<paths['/me/settings']['patch']['requestBody']>['content']['application/json'];
export type UserSettings = components['schemas']['Settings'];

/**
 * The same cache entry as `userSettingsQueryKey` of features/calls/use-user-settings.ts (the pages that
 * read the settings): a save here updates them. Not imported from there, since that module brings the
 * contracts' zod schemas (and libphonenumber's metadata) with its defaults.
 */
export const settingsQueryKey = ['me', 'settings'] as const;

export function fetchSettings(): Promise<UserSettings> {
  return unwrap(api.GET('/me/settings'));
}

export function patchProfile(body: ProfilePatch): Promise<User> {
  return unwrap(api.PATCH('/me', { body }));
}

export function patchSettings(body: SettingsPatch): Promise<UserSettings> {
  return unwrap(api.PATCH('/me/settings', { body }));
}

export function changePassword(body: { currentPassword: string; newPassword: string }) {
  return unwrap(api.POST('/me/password', { body }));
}

export function revokeOtherSessions() {
  return unwrap(api.POST('/me/sessions/revoke-others'));
}
