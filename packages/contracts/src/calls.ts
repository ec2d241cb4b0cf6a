import { z } from 'zod';
import { CALL_STATUSES, CALL_TYPES } from './enums.ts';
import { dateOrInstantInputSchema, instantInputSchema, isoDateTimeSchema, pageOf } from './common.ts';
import { listParam } from './list-params.ts';
import { reminderInputSchema, reminderSchema } from './reminders.ts';
import { CALL_DESCRIPTION_MAX, CALL_NAME_MAX, CALL_NOTE_MAX, CALL_PHONE_MAX, CALL_QUERY_MAX } from './constants.ts';
import { CALL_LIST_DEFAULTS } from './defaults.ts';

export const callSchema = z
  .object({
    id: z.uuid(),
    firstName: z.string(),
    lastName: z.string(),
    /** Exactly as typed. */
    phone: z.string(),
    /** E.164 when the number parses, else null. */
    phoneE164: z.string().nullable(),
    /** National display form ("06 12 34 56 78"), or the typed text when it does not parse. */
    phoneNational: z.string(),
    /** `tel:` URI to dial, when the number parses. */
    phoneUri: z.string().nullable(),
    phoneValid: z.boolean(),
    phoneFlagged: z.boolean(),
    phoneFlagReason: z.string().nullable(),
    status: z.enum(CALL_STATUSES),
    type: z.enum(CALL_TYPES),
    description: z.string(),
    lastCallAt: isoDateTimeSchema.nullable(),
    /** The earliest open reminder of the call. */
    nextReminderAt: isoDateTimeSchema.nullable(),
    attempts: z.number().int(),
    /** Unanswered attempts in a row (no_answer, voicemail); reset by any other outcome. */
    unansweredStreak: z.number().int(),
    /** Set after settings.maxAttempts unanswered attempts in a row: no reminder is placed automatically any more. */
    unreachable: z.boolean(),
    version: z.number().int(),
    createdAt: isoDateTimeSchema,
    updatedAt: isoDateTimeSchema,
    /** Set when the call was deleted (only seen in the `deleted=true` list and on restore). */
    deletedAt: isoDateTimeSchema.nullable(),
    importId: z.uuid().nullable(),
    /** The team list the call is on (visible to the team's members); null for a personal call. */
    listId: z.uuid().nullable(),
    /** On a team list: the member the queue hands it to, and to no one else. */
    assigneeId: z.uuid().nullable(),
  })
  .meta({ id: 'Call' });
export type Call = z.infer<typeof callSchema>;

export const callHistoryEntrySchema = z
  .object({
    id: z.uuid(),
    status: z.enum(CALL_STATUSES),
    note: z.string(),
    occurredAt: isoDateTimeSchema,
    createdBy: z.uuid().nullable(),
  })
  .meta({ id: 'CallHistoryEntry' });
export type CallHistoryEntry = z.infer<typeof callHistoryEntrySchema>;

export const callDetailSchema = callSchema
  .extend({
    /** Newest first. */
    history: z.array(callHistoryEntrySchema),
    /** Earliest first. */
    openReminders: z.array(reminderSchema),
  })
  .meta({ id: 'CallDetail' });
export type CallDetail = z.infer<typeof callDetailSchema>;

const nameSchema = z.string().trim().max(CALL_NAME_MAX);
const phoneSchema = z.string().trim().min(1, 'A phone number is required').max(CALL_PHONE_MAX);
const descriptionSchema = z.string().trim().max(CALL_DESCRIPTION_MAX);

/** Unknown fields (userId, id, version…) are refused: ownership and bookkeeping are never writable. */
export const callCreateSchema = z
  .object({
    firstName: nameSchema.default(''),
    lastName: nameSchema.default(''),
    phone: phoneSchema,
    status: z.enum(CALL_STATUSES).default('to_call'),
    type: z.enum(CALL_TYPES).default('prospecting'),
    description: descriptionSchema.default(''),
  })
  .strict();
export type CallCreate = z.infer<typeof callCreateSchema>;

/**
 * Field edits. A status set here is a correction (no history entry, no reminder effects); outcomes
 * are recorded with POST /calls/:id/log. `unreachable: false` gives an unreachable contact another go.
 */
export const callPatchSchema = z
  .object({
    firstName: nameSchema,
    lastName: nameSchema,
    phone: phoneSchema,
    status: z.enum(CALL_STATUSES),
    type: z.enum(CALL_TYPES),
    description: descriptionSchema,
    unreachable: z.boolean(),
    /** On a team list: the member the queue hands this call to (null: anyone). A lead or an admin only. */
    assigneeId: z.uuid().nullable(),
  })
  .partial()
  .strict()
  .refine((p) => Object.values(p).some((v) => v !== undefined), { message: 'Nothing to change', path: [] });
export type CallPatch = z.infer<typeof callPatchSchema>;

export const callLogSchema = z
  .object({
    status: z.enum(CALL_STATUSES),
    note: z.string().trim().max(CALL_NOTE_MAX).default(''),
    /** When the call happened; defaults to now, never in the future. */
    occurredAt: instantInputSchema.optional(),
    /** An explicit callback; without it, no_answer/voicemail/callback place one automatically. */
    reminder: reminderInputSchema.optional(),
  })
  .strict();
export type CallLog = z.infer<typeof callLogSchema>;

export const callLogResultSchema = z
  .object({
    call: callSchema,
    entry: callHistoryEntrySchema,
    /** The reminder created by this attempt (explicit or automatic), if any. */
    reminder: reminderSchema.nullable(),
  })
  .meta({ id: 'CallLogResult' });
export type CallLogResult = z.infer<typeof callLogResultSchema>;

export const CALL_SORT_FIELDS = [
  'lastCallAt',
  'nextReminderAt',
  'createdAt',
  'updatedAt',
  'lastName',
  'firstName',
  'status',
  'type',
  'attempts',
] as const;
export type CallSortField = (typeof CALL_SORT_FIELDS)[number];
export const CALL_SORTS = CALL_SORT_FIELDS.flatMap((f) => [`${f}:asc`, `${f}:desc`] as const);
export type CallSort = `${CallSortField}:${'asc' | 'desc'}`;

export const callListQuerySchema = z.object({
  /** Names, description and phone, accent- and case-insensitive; a phone in any format. */
  q: z.string().trim().max(CALL_QUERY_MAX).optional(),
  status: listParam(CALL_STATUSES, 'status'),
  type: listParam(CALL_TYPES, 'type'),
  unreachable: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  /** One team list's calls (the caller's team's list) instead of the caller's own calls. */
  listId: z.uuid().optional(),
  /** With `listId`: only the calls assigned to this member. */
  assigneeId: z.uuid().optional(),
  /** `true` lists the caller's deleted calls that can still be restored. */
  deleted: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Which date `from`/`to` filter on. */
  dateField: z.enum(['lastCallAt', 'nextReminderAt']).default('lastCallAt'),
  /** A date (whole local day in the caller's zone) or an instant. */
  from: dateOrInstantInputSchema.optional(),
  to: dateOrInstantInputSchema.optional(),
  sort: z.enum(CALL_SORTS as [CallSort, ...CallSort[]]).default(CALL_LIST_DEFAULTS.sort),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(CALL_LIST_DEFAULTS.pageSize),
  /**
   * The `nextCursor` of the previous page, with the same `sort`: the page after it, as fast at any depth
   * (no `page` with it). Filters may change in between; the position stays.
   */
  after: z
    .string()
    .max(4096)
    .regex(/^[A-Za-z0-9_-]+$/, 'Not a cursor')
    .optional(),
});
export type CallListQuery = z.infer<typeof callListQuerySchema>;

export const callPageSchema = pageOf(callSchema)
  .extend({
    /**
     * False when more than 10,000 calls match (1,000 for a search, `q`): counting them all would cost as
     * much as the account is big, so `total` is then the database's estimate (never less than what the
     * pages reach).
     */
    totalExact: z.boolean(),
    /** The `after` of the next page (same sort and filters); null on the last page. */
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'CallPage' });
