import { z } from 'zod';
import { isSupportedCountry } from 'libphonenumber-js/max';
import { CALL_STATUSES, NOTIF_FREQUENCIES, REMINDERS_ORDERS } from './enums.ts';
import { clockTimeSchema } from './common.ts';
import { MAX_ATTEMPTS_MAX, MAX_ATTEMPTS_MIN, PRE_REMINDER_DELAY_MAX } from './constants.ts';

/** ISO weekday numbers: 1 = Monday … 7 = Sunday. */
export const workHoursSchema = z
  .object({
    days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    start: clockTimeSchema,
    end: clockTimeSchema,
  })
  .refine((w) => w.start < w.end, { message: 'start must be before end', path: ['end'] })
  .refine((w) => new Set(w.days).size === w.days.length, { message: 'days must be unique', path: ['days'] });
export type WorkHours = z.infer<typeof workHoursSchema>;

export const settingsSchema = z
  .object({
    workHours: workHoursSchema,
    defaultReminderSlot: clockTimeSchema,
    defaultStatusAfterCall: z.enum(CALL_STATUSES),
    confirmBeforeDelete: z.boolean(),
    remindersOrder: z.enum(REMINDERS_ORDERS),
    /** Minutes before a reminder is due that its reminder_due notification is sent (0 = at the time, at most a day). */
    preReminderDelay: z.number().int().min(0).max(PRE_REMINDER_DELAY_MAX),
    maxAttempts: z.number().int().min(MAX_ATTEMPTS_MIN).max(MAX_ATTEMPTS_MAX),
    phoneRegion: z
      .string()
      .regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 region, e.g. FR')
      .refine((region): boolean => isSupportedCountry(region), 'Unknown phone region'),
    enableReminders: z.boolean(),
    enableNotifications: z.boolean(),
    notifReminder: z.boolean(),
    notifCalls: z.boolean(),
    notifFraud: z.boolean(),
    /** For a team's leads: a list finished, the team's overdue callbacks. */
    notifTeam: z.boolean(),
    notifFrequency: z.enum(NOTIF_FREQUENCIES),
    urgentHighlight: z.boolean(),
  })
  .meta({ id: 'Settings' });
export type Settings = z.infer<typeof settingsSchema>;

export const settingsPatchSchema = settingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
