import type { User } from '@ct/contracts';
import { userSettingsQueryKey, fetchUserSettings, type UserSettings } from '@/features/calls/use-user-settings';
import { api, unwrap } from '@/lib/api';
import type { paths } from '@/lib/api/schema';

export type ProfilePatch = NonNullable<paths['/me']['patch']['requestBody']>['content']['application/json'];
export type SettingsPatch = NonNullable<paths['/me/settings']['patch']['requestBody']>['content']['application/json'];
export type { UserSettings };

// One cache entry for the settings, shared with the pages that read them (calls, reminders).
export { userSettingsQueryKey as settingsQueryKey, fetchUserSettings as fetchSettings };

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
