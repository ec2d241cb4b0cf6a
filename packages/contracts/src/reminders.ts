import { z } from 'zod';
import { CALL_STATUSES, REMINDER_PRIORITIES, SNOOZE_PRESETS } from './enums.ts';
import { dateInputSchema, instantInputSchema, isoDateTimeSchema } from './common.ts';
import { listParam } from './list-params.ts';

/** The call a reminder belongs to, enough for the day's list to need a single request. */
export const reminderCallSummarySchema = z
  .object({
    id: z.uuid(),
    firstName: z.string(),
    lastName: z.string(),
    phone: z.string(),
    phoneNational: z.string(),
    phoneUri: z.string().nullable(),
    status: z.enum(CALL_STATUSES),
  })
  .meta({ id: 'ReminderCallSummary' });
export type ReminderCallSummary = z.infer<typeof reminderCallSummarySchema>;

export const reminderSchema = z
  .object({
    id: z.uuid(),
    callId: z.uuid(),
    scheduledAt: isoDateTimeSchema,
    /** The call's status when the reminder was made. */
    previousStatus: z.enum(CALL_STATUSES).nullable(),
    priority: z.enum(REMINDER_PRIORITIES),
    done: z.boolean(),
    doneAt: isoDateTimeSchema.nullable(),
    rescheduleCount: z.number().int(),
    rescheduleReason: z.string().nullable(),
    note: z.string(),
    /** Not done and its time has passed. */
    overdue: z.boolean(),
    version: z.number().int(),
    createdAt: isoDateTimeSchema,
    updatedAt: isoDateTimeSchema,
    call: reminderCallSummarySchema,
  })
  .meta({ id: 'Reminder' });
export type Reminder = z.infer<typeof reminderSchema>;

const noteSchema = z.string().trim().max(2000);
/** A reminder time in the past is refused unless the client says it means it. */
const allowPastSchema = z.boolean().default(false).describe('Accept a scheduledAt in the past (back-filling)');

/** The callback asked for while logging an attempt. */
export const reminderInputSchema = z
  .object({
    scheduledAt: instantInputSchema,
    priority: z.enum(REMINDER_PRIORITIES).default('normal'),
    note: noteSchema.default(''),
    allowPast: allowPastSchema,
  })
  .strict();
export type ReminderInput = z.infer<typeof reminderInputSchema>;

export const reminderCreateSchema = reminderInputSchema.extend({ callId: z.uuid() }).strict();
export type ReminderCreate = z.infer<typeof reminderCreateSchema>;

/**
 * `done: true` logs an attempt on the call with `status` (default: the user's defaultStatusAfterCall)
 * and `note` as the attempt's note; otherwise `note` replaces the reminder's own note. `scheduledAt`
 * reschedules (counted, with an optional `reason`).
 */
export const reminderPatchSchema = z
  .object({
    done: z.boolean().optional(),
    status: z.enum(CALL_STATUSES).optional(),
    note: noteSchema.optional(),
    scheduledAt: instantInputSchema.optional(),
    reason: z.string().trim().max(500).optional(),
    priority: z.enum(REMINDER_PRIORITIES).optional(),
    allowPast: z.boolean().optional(),
  })
  .strict()
  .refine(
    (p) => p.done !== undefined || p.note !== undefined || p.scheduledAt !== undefined || p.priority !== undefined,
    {
      message: 'Nothing to change: give done, note, scheduledAt or priority',
      path: ['done'],
    },
  )
  .refine((p) => p.status === undefined || p.done === true, {
    message: 'status is only accepted with done: true',
    path: ['status'],
  })
  .refine((p) => p.reason === undefined || p.scheduledAt !== undefined, {
    message: 'reason is only accepted with scheduledAt',
    path: ['reason'],
  });
export type ReminderPatch = z.infer<typeof reminderPatchSchema>;

export const reminderSnoozeSchema = z.object({ preset: z.enum(SNOOZE_PRESETS) }).strict();
export type ReminderSnooze = z.infer<typeof reminderSnoozeSchema>;

export const reminderListQuerySchema = z.object({
  /** `today` (in the caller's time zone, with the overdue undone reminders) or a local date. */
  date: z.union([z.literal('today'), dateInputSchema]).default('today'),
  done: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  priority: listParam(REMINDER_PRIORITIES, 'priority'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(100),
});
export type ReminderListQuery = z.infer<typeof reminderListQuerySchema>;
