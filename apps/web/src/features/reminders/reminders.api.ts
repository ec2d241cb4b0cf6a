import type { SnoozePreset } from '@ct/contracts/enums';
import { api, unwrap } from '@/lib/api';
import type { components, paths } from '@/lib/api/schema';

export type Reminder = components['schemas']['Reminder'];
export type ReminderPage = components['schemas']['ReminderPage'];
export type ReminderPatchBody = paths['/reminders/{id}']['patch']['requestBody']['content']['application/json'];
export type ReminderCreateBody = paths['/reminders']['post']['requestBody']['content']['application/json'];

const ifMatch = (version: number) => ({ 'if-match': `W/"${version}"` });

/** Mark done (logs an attempt), reschedule, change priority — If-Match with the version shown. */
export function patchReminder(reminder: Pick<Reminder, 'id' | 'version'>, body: ReminderPatchBody): Promise<Reminder> {
  return unwrap(
    api.PATCH('/reminders/{id}', { params: { path: { id: reminder.id } }, body, headers: ifMatch(reminder.version) }),
  );
}

export function snoozeReminder(reminder: Pick<Reminder, 'id' | 'version'>, preset: SnoozePreset): Promise<Reminder> {
  return unwrap(
    api.POST('/reminders/{id}/snooze', {
      params: { path: { id: reminder.id } },
      body: { preset },
      headers: ifMatch(reminder.version),
    }),
  );
}

export function createReminder(body: ReminderCreateBody): Promise<Reminder> {
  return unwrap(api.POST('/reminders', { body }));
}
