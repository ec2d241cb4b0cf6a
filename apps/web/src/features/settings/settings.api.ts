import type { User } from '@ct/contracts';
import { api, unwrap } from '@/lib/api';
import type { components, paths } from '@/lib/api/schema';

export type ProfilePatch = NonNullable<paths['/me']['patch']['requestBody']>['content']['application/json'];
export type SettingsPatch = NonNullable<paths['/me/settings']['patch']['requestBody']>['content']['application/json'];
export type UserSettings = components['schemas']['Settings'];

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
