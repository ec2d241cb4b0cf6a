/**
 * The contracts' names and bounds that need no zod: field lengths, the CSV import's fields and modes,
 * the live stream's event name, the report presets. The schemas are built on them, and the web app
 * imports them from here (`@ct/contracts/constants`) instead of restating them.
 */

export const CALL_NAME_MAX = 100;
export const CALL_PHONE_MAX = 40;
export const CALL_DESCRIPTION_MAX = 2000;
export const CALL_NOTE_MAX = 2000;
export const CALL_QUERY_MAX = 200;

/** How long a deleted call can be restored (POST /calls/:id/restore) before the purge job removes it. */
export const RESTORE_WINDOW_DAYS = 30;

/** `phone_flag_reason` of a number its user logged as a wrong number (the attempt and the fake-number scan). */
export const WRONG_NUMBER_REASON = 'logged_wrong_number';

/** A new password's length (NIST 800-63B: length is the only composition rule). */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

/** A user's display name (trimmed), and the settings' numeric bounds: the API's schemas and the settings form read them. */
export const USER_NAME_MAX = 120;
export const MAX_ATTEMPTS_MIN = 1;
export const MAX_ATTEMPTS_MAX = 50;
/** Minutes ahead of a reminder its warning may be sent: 0 (at the time) to a day. */
export const PRE_REMINDER_DELAY_MAX = 1440;

/**
 * Why the API's password policy refused a new password: the problem+json `code` of the 400 (a password
 * of the wrong length is `validation_failed`, like any other field).
 */
export const PASSWORD_REFUSALS = [
  'password_too_common',
  'password_contextual',
  'password_control_chars',
  'password_reused',
] as const;
export type PasswordRefusal = (typeof PASSWORD_REFUSALS)[number];

/** The call fields a CSV column can feed. `fullName` is split into first and last name. */
export const IMPORT_FIELDS = [
  'firstName',
  'lastName',
  'fullName',
  'phone',
  'status',
  'type',
  'description',
  'lastCallAt',
  'nextReminderAt',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Column titles of an export, and the first synonym an import recognises. */
export const IMPORT_FIELD_LABELS: Record<ImportField, { fr: string; en: string }> = {
  firstName: { fr: 'Prénom', en: 'First name' },
  lastName: { fr: 'Nom', en: 'Last name' },
  fullName: { fr: 'Nom complet', en: 'Full name' },
  phone: { fr: 'Téléphone', en: 'Phone' },
  status: { fr: 'Statut', en: 'Status' },
  type: { fr: 'Type', en: 'Type' },
  description: { fr: 'Description', en: 'Description' },
  lastCallAt: { fr: 'Dernier appel', en: 'Last call' },
  nextReminderAt: { fr: 'Prochain rappel', en: 'Next reminder' },
};

/** What an import does with a row whose phone is already known: `skip` (the default) or `update`. */
export const IMPORT_DEDUPE_MODES = ['skip', 'update'] as const;
export type ImportDedupeMode = (typeof IMPORT_DEDUPE_MODES)[number];

/** Name of the SSE event carrying a notification (`event: notification`). */
export const NOTIFICATION_EVENT = 'notification';
/** Name of the SSE event saying a lease on a team list began or ended (`data: {listId, teamId}`). */
export const LIST_PRESENCE_EVENT = 'list.presence';

/** The longest custom range a KPI report accepts, in days (both ends included). */
export const REPORT_MAX_DAYS = 366;
export const REPORT_PRESETS = ['7d', '30d', '90d'] as const;
export type ReportPreset = (typeof REPORT_PRESETS)[number];

/** Team names and call list names. */
export const TEAM_NAME_MAX = 80;
/** What a new call list uses when its creator gives no cooldown or attempt cap. */
export const TEAM_LIST_DEFAULTS = { cooldownMinutes: 60, maxAttempts: 5 } as const;
/** The bounds of a call list's cooldown (a week) and attempt cap. */
export const TEAM_LIST_COOLDOWN_MAX = 7 * 24 * 60;
export const TEAM_LIST_MAX_ATTEMPTS_MAX = 50;
/** At most this many calls per request to add calls to a list: a larger selection is sent in several. */
export const TEAM_LIST_ADD_MAX = 1000;
/** Contacts skipped in a session on a list, not handed out again to the caller now (the most recent first). */
export const TEAM_LIST_EXCLUDE_MAX = 500;
/** How long a claimed contact stays the caller's before it returns to the queue. */
export const CALL_LEASE_MINUTES = 10;
