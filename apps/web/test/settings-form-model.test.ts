import { describe, expect, it } from 'vitest';
import {
  buildPatches,
  changedFields,
  checkSettings,
  type SettingsFormValues,
} from '../src/features/settings/settings-form-model.ts';

const VALUES: SettingsFormValues = {
  name: 'Camille Durand',
  language: 'fr',
  timezone: 'Europe/Paris',
  dateFormat: 'dd/MM/yyyy',
  timeFormat: '24h',
  workDays: ['1', '2', '3', '4', '5'],
  workStart: '09:00',
  workEnd: '18:00',
  defaultStatusAfterCall: 'reached',
  phoneRegion: 'FR',
  maxAttempts: 5,
  confirmBeforeDelete: true,
  enableReminders: true,
  defaultReminderSlot: '10:00',
  preReminderDelay: 15,
  remindersOrder: 'time',
  urgentHighlight: true,
  enableNotifications: true,
  notifReminder: true,
  notifCalls: true,
  notifFraud: true,
  notifTeam: true,
  notifFrequency: 'realtime',
};

describe('the settings form’s rules (features/settings/settings-form-model)', () => {
  it('accepts the saved values', () => {
    expect(checkSettings(VALUES)).toEqual({});
  });

  it('follows the API’s bounds: a trimmed name of 1–120, a working day, a day that ends after it starts', () => {
    expect(checkSettings({ ...VALUES, name: '   ' })).toEqual({ name: 'required' });
    expect(checkSettings({ ...VALUES, name: ` ${'a'.repeat(120)} ` })).toEqual({});
    expect(checkSettings({ ...VALUES, name: 'a'.repeat(121) })).toEqual({ name: 'nameTooLong' });
    expect(checkSettings({ ...VALUES, workDays: [] })).toEqual({ workDays: 'days' });
    expect(checkSettings({ ...VALUES, workEnd: '09:00' })).toEqual({ workEnd: 'endAfterStart' });
    expect(checkSettings({ ...VALUES, workStart: '9h' })).toEqual({ workStart: 'clock' });
    expect(checkSettings({ ...VALUES, defaultReminderSlot: '24:00' })).toEqual({ defaultReminderSlot: 'clock' });
  });

  it('refuses attempts outside 1–50 and a warning outside 0–1440 minutes, an empty number too', () => {
    expect(checkSettings({ ...VALUES, maxAttempts: 0 })).toEqual({ maxAttempts: 'maxAttempts' });
    expect(checkSettings({ ...VALUES, maxAttempts: 50 })).toEqual({});
    expect(checkSettings({ ...VALUES, maxAttempts: 2.5 })).toEqual({ maxAttempts: 'maxAttempts' });
    expect(checkSettings({ ...VALUES, preReminderDelay: 1441 })).toEqual({ preReminderDelay: 'preReminderDelay' });
    expect(checkSettings({ ...VALUES, preReminderDelay: Number.NaN })).toEqual({
      preReminderDelay: 'preReminderDelay',
    });
  });

  it('counts as changed only what differs from the saved values (the days as a set)', () => {
    expect(changedFields({ ...VALUES, workDays: ['5', '4', '3', '2', '1'] }, VALUES)).toEqual(new Set());
    const changed = changedFields({ ...VALUES, name: 'Dominique', workEnd: '17:00', maxAttempts: 7 }, VALUES);
    expect(changed).toEqual(new Set(['name', 'workEnd', 'maxAttempts']));
    expect(buildPatches({ ...VALUES, name: ' Dominique ', workEnd: '17:00', maxAttempts: 7 }, changed)).toEqual({
      profile: { name: 'Dominique' },
      settings: { workHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }, maxAttempts: 7 },
    });
  });
});
