/** Domain vocabularies shared by the API, the database and the web app. */

export const CALL_STATUSES = [
  'to_call',
  'no_answer',
  'voicemail',
  'callback',
  'reached',
  'not_interested',
  'wrong_number',
  'done',
] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

/** Outcomes where nobody was reached: they count towards the unreachable threshold. */
export const UNANSWERED_STATUSES = ['no_answer', 'voicemail'] as const satisfies readonly CallStatus[];
/** Outcomes that call for a callback reminder when none is given explicitly. */
export const CALLBACK_STATUSES = ['no_answer', 'voicemail', 'callback'] as const satisfies readonly CallStatus[];
/** Attempts where someone answered: a conversation happened (even a negative one). */
export const ANSWERED_STATUSES = ['reached', 'callback', 'not_interested', 'done'] as const satisfies readonly CallStatus[];
/** Outcomes that close a call's open reminders. */
export const CLOSING_STATUSES = ['reached', 'not_interested', 'wrong_number', 'done'] as const satisfies readonly CallStatus[];

export const CALL_TYPES = ['prospecting', 'follow_up', 'support', 'other'] as const;
export type CallType = (typeof CALL_TYPES)[number];

export const REMINDER_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type ReminderPriority = (typeof REMINDER_PRIORITIES)[number];

export const NOTIFICATION_TYPES = [
  'reminder_due',
  'reminders_pending',
  'call_logged',
  'wrong_number',
  'digest',
  /** To a team's leads: a list of the team has no callable contact left. */
  'list_finished',
  /** To a team's leads, at their start of work: the members' overdue callbacks on the team's lists. */
  'team_overdue_callbacks',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** A `manager` manages the teams they lead; an `admin` manages every team and every user. */
export const ROLES = ['user', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A team member's place: a `lead` edits the team's lists and assigns their calls. */
export const TEAM_ROLES = ['member', 'lead'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DATE_FORMATS = ['dd/MM/yyyy', 'MM/dd/yyyy', 'yyyy-MM-dd', 'dd.MM.yyyy'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export const TIME_FORMATS = ['24h', '12h'] as const;
export type TimeFormat = (typeof TIME_FORMATS)[number];

export const NOTIF_FREQUENCIES = ['realtime', 'daily', 'weekly'] as const;
export type NotifFrequency = (typeof NOTIF_FREQUENCIES)[number];

export const REMINDERS_ORDERS = ['time', 'priority'] as const;
export type RemindersOrder = (typeof REMINDERS_ORDERS)[number];

export const SNOOZE_PRESETS = ['10m', '1h', 'tomorrow', 'next_working_day'] as const;
export type SnoozePreset = (typeof SNOOZE_PRESETS)[number];

/** French and English labels, the single source for the UI and CSV import/export. */
export const CALL_STATUS_LABELS: Record<CallStatus, { fr: string; en: string }> = {
  to_call: { fr: 'À appeler', en: 'To call' },
  no_answer: { fr: 'Pas de réponse', en: 'No answer' },
  voicemail: { fr: 'Messagerie', en: 'Voicemail' },
  callback: { fr: 'À rappeler', en: 'Call back' },
  reached: { fr: 'Joint', en: 'Reached' },
  not_interested: { fr: 'Pas intéressé', en: 'Not interested' },
  wrong_number: { fr: 'Faux numéro', en: 'Wrong number' },
  done: { fr: 'Terminé', en: 'Done' },
};

export const CALL_TYPE_LABELS: Record<CallType, { fr: string; en: string }> = {
  prospecting: { fr: 'Prospection', en: 'Prospecting' },
  follow_up: { fr: 'Suivi', en: 'Follow-up' },
  support: { fr: 'Support', en: 'Support' },
  other: { fr: 'Autre', en: 'Other' },
};

export const REMINDER_PRIORITY_LABELS: Record<ReminderPriority, { fr: string; en: string }> = {
  low: { fr: 'Basse', en: 'Low' },
  normal: { fr: 'Normale', en: 'Normal' },
  high: { fr: 'Haute', en: 'High' },
  urgent: { fr: 'Urgente', en: 'Urgent' },
};
