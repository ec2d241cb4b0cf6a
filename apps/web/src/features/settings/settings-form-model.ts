import type { User } from '@ct/contracts';
import { MAX_ATTEMPTS_MAX, MAX_ATTEMPTS_MIN, PRE_REMINDER_DELAY_MAX, USER_NAME_MAX } from '@ct/contracts/constants';
import type { ProfilePatch, SettingsPatch, UserSettings } from './settings.api';

/** Everything the sticky "Enregistrer" saves: the profile (PATCH /me) and the settings (PATCH /me/settings). */
export interface SettingsFormValues {
  name: string;
  language: User['language'];
  timezone: string;
  dateFormat: User['dateFormat'];
  timeFormat: User['timeFormat'];
  /** ISO weekdays as strings ("1" = Monday), the values of the day checkboxes. */
  workDays: string[];
  workStart: string;
  workEnd: string;
  defaultStatusAfterCall: UserSettings['defaultStatusAfterCall'];
  phoneRegion: string;
  maxAttempts: number;
  confirmBeforeDelete: boolean;
  enableReminders: boolean;
  defaultReminderSlot: string;
  preReminderDelay: number;
  remindersOrder: UserSettings['remindersOrder'];
  urgentHighlight: boolean;
  enableNotifications: boolean;
  notifReminder: boolean;
  notifCalls: boolean;
  notifFraud: boolean;
  notifTeam: boolean;
  notifFrequency: UserSettings['notifFrequency'];
}

export type SettingsField = keyof SettingsFormValues;

/** A local clock time HH:mm (24 h), what `<input type="time">` gives. */
export const isClock = (value: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(value);

export const PROFILE_FIELDS = [
  'name',
  'language',
  'timezone',
  'dateFormat',
  'timeFormat',
] as const satisfies readonly SettingsField[];
const WORK_HOURS_FIELDS = ['workDays', 'workStart', 'workEnd'] as const satisfies readonly SettingsField[];
const PLAIN_SETTINGS = [
  'defaultStatusAfterCall',
  'phoneRegion',
  'maxAttempts',
  'confirmBeforeDelete',
  'enableReminders',
  'defaultReminderSlot',
  'preReminderDelay',
  'remindersOrder',
  'urgentHighlight',
  'enableNotifications',
  'notifReminder',
  'notifCalls',
  'notifFraud',
  'notifTeam',
  'notifFrequency',
] as const satisfies readonly (SettingsField & keyof UserSettings)[];

export function toFormValues(user: User, settings: UserSettings): SettingsFormValues {
  return { ...profileFormValues(user), ...settingsFormValues(settings) };
}

export function profileFormValues(user: User): Pick<SettingsFormValues, (typeof PROFILE_FIELDS)[number]> {
  return {
    name: user.name,
    language: user.language,
    timezone: user.timezone,
    dateFormat: user.dateFormat,
    timeFormat: user.timeFormat,
  };
}

export type SettingsOnlyField = Exclude<SettingsField, (typeof PROFILE_FIELDS)[number]>;

export function settingsFormValues(settings: UserSettings): Pick<SettingsFormValues, SettingsOnlyField> {
  return {
    workDays: [...settings.workHours.days].sort((a, b) => a - b).map(String),
    workStart: settings.workHours.start,
    workEnd: settings.workHours.end,
    defaultStatusAfterCall: settings.defaultStatusAfterCall,
    phoneRegion: settings.phoneRegion,
    maxAttempts: settings.maxAttempts,
    confirmBeforeDelete: settings.confirmBeforeDelete,
    enableReminders: settings.enableReminders,
    defaultReminderSlot: settings.defaultReminderSlot,
    preReminderDelay: settings.preReminderDelay,
    remindersOrder: settings.remindersOrder,
    urgentHighlight: settings.urgentHighlight,
    enableNotifications: settings.enableNotifications,
    notifReminder: settings.notifReminder,
    notifCalls: settings.notifCalls,
    notifFraud: settings.notifFraud,
    notifTeam: settings.notifTeam,
    notifFrequency: settings.notifFrequency,
  };
}

/** The two request bodies holding only what changed (work hours travel as one object). */
export function buildPatches(values: SettingsFormValues, dirty: ReadonlySet<SettingsField>) {
  const profile: ProfilePatch = {};
  for (const field of PROFILE_FIELDS) {
    if (dirty.has(field)) Object.assign(profile, { [field]: field === 'name' ? values.name.trim() : values[field] });
  }
  const settings: SettingsPatch = {};
  if (WORK_HOURS_FIELDS.some((field) => dirty.has(field))) {
    settings.workHours = {
      days: values.workDays.map(Number).sort((a, b) => a - b),
      start: values.workStart,
      end: values.workEnd,
    };
  }
  for (const field of PLAIN_SETTINGS) {
    if (dirty.has(field)) Object.assign(settings, { [field]: values[field] });
  }
  return { profile, settings };
}

/** Which form field an API error path (`body.workHours.end`, `body.name`) belongs to. */
export function fieldOfErrorPath(path: string): SettingsField | null {
  const key = path.replace(/^body\./, '');
  if (key === 'workHours.days' || key.startsWith('workHours.days.')) return 'workDays';
  if (key === 'workHours.start') return 'workStart';
  if (key === 'workHours.end' || key === 'workHours') return 'workEnd';
  const all: readonly string[] = [...PROFILE_FIELDS, ...PLAIN_SETTINGS];
  return all.includes(key) ? (key as SettingsField) : null;
}

/** The fields of the settings body that a saved response settles (for resetting just those). */
export function settingsFieldsOf(patch: SettingsPatch): SettingsOnlyField[] {
  const fields: SettingsOnlyField[] = [];
  if (patch.workHours) fields.push(...WORK_HOURS_FIELDS);
  for (const field of PLAIN_SETTINGS) if (field in patch) fields.push(field);
  return fields;
}

/** The keys of `t.settings.errors` the form's own rules answer. */
export type SettingsErrorKey =
  'required' | 'nameTooLong' | 'days' | 'clock' | 'endAfterStart' | 'maxAttempts' | 'preReminderDelay';

/** The fields in the order the page shows them: a refused submit focuses the first one in error. */
export const FIELD_ORDER = [
  ...PROFILE_FIELDS,
  ...WORK_HOURS_FIELDS,
  ...PLAIN_SETTINGS,
] as const satisfies readonly SettingsField[];

/**
 * The form's rules, written out rather than as a form library's validators: the API's (contracts ›
 * users.ts, settings.ts) for what a user can type or pick — the name trimmed, not empty, at most
 * USER_NAME_MAX; at least one working day; clock times HH:mm, the day ending after it starts; the
 * attempts and the warning's minutes within their bounds. The bounds are the contracts' constants,
 * which the schemas read too. Selects only offer valid values.
 */
export function checkSettings(values: SettingsFormValues): Partial<Record<SettingsField, SettingsErrorKey>> {
  const errors: Partial<Record<SettingsField, SettingsErrorKey>> = {};
  const name = values.name.trim();
  if (name.length === 0) errors.name = 'required';
  else if (name.length > USER_NAME_MAX) errors.name = 'nameTooLong';
  if (values.workDays.length === 0) errors.workDays = 'days';
  if (!isClock(values.workStart)) errors.workStart = 'clock';
  if (!isClock(values.workEnd)) errors.workEnd = 'clock';
  else if (isClock(values.workStart) && values.workEnd <= values.workStart) errors.workEnd = 'endAfterStart';
  if (!isClock(values.defaultReminderSlot)) errors.defaultReminderSlot = 'clock';
  const isWithin = (value: number, min: number, max: number) => Number.isInteger(value) && value >= min && value <= max;
  if (!isWithin(values.maxAttempts, MAX_ATTEMPTS_MIN, MAX_ATTEMPTS_MAX)) errors.maxAttempts = 'maxAttempts';
  if (!isWithin(values.preReminderDelay, 0, PRE_REMINDER_DELAY_MAX)) errors.preReminderDelay = 'preReminderDelay';
  return errors;
}

const sameValue = (a: SettingsFormValues[SettingsField], b: SettingsFormValues[SettingsField]) =>
  Array.isArray(a) && Array.isArray(b)
    ? [...a].sort().join() === [...b].sort().join()
    : a === b || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b));

/** The fields whose value differs from the saved one (the days compared as a set). */
export function changedFields(values: SettingsFormValues, saved: SettingsFormValues): Set<SettingsField> {
  return new Set(FIELD_ORDER.filter((field) => !sameValue(values[field], saved[field])));
}
