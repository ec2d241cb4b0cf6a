/**
 * What holds when nothing was said: a new user's settings and profile, the call list's view, the
 * report's range. Free of zod (only types come from the schema modules), so the web app imports it
 * (`@ct/contracts/defaults`) without pulling the schemas into its first load; the schemas default to
 * the same values.
 */
import type { ReportPreset } from './constants.ts';
import type { Settings } from './settings.ts';

/** What a new user starts with. */
export const DEFAULT_SETTINGS: Settings = {
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
  notifTeam: true,
  notifFrequency: 'realtime',
  urgentHighlight: true,
};

export const DEFAULT_PROFILE = {
  language: 'fr',
  timezone: 'Europe/Paris',
  dateFormat: 'dd/MM/yyyy',
  timeFormat: '24h',
} as const;

/** `GET /calls` without a sort or a page size (the list's schema checks the sort is one of its own). */
export const CALL_LIST_DEFAULTS = { sort: 'createdAt:desc', pageSize: 25 } as const;

/** `GET /reports/kpi` without a range. */
export const DEFAULT_REPORT_RANGE = '30d' satisfies ReportPreset;
