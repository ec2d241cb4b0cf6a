import { z } from 'zod';
import { DATE_FORMATS, LANGUAGES, ROLES, TIME_FORMATS } from './enums.ts';
import { isoDateTimeSchema, timeZoneSchema } from './common.ts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, USER_NAME_MAX } from './constants.ts';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, AUDIT_TARGET_TYPES } from './audit.ts';

export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());

/**
 * NIST 800-63B: length only, no composition rules, long passphrases accepted, nothing truncated. The
 * API's password policy then refuses what this cannot see (common, contextual, reused passwords).
 */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `At least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `At most ${PASSWORD_MAX_LENGTH} characters`);

export const userSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    language: z.enum(LANGUAGES),
    timezone: z.string(),
    dateFormat: z.enum(DATE_FORMATS),
    timeFormat: z.enum(TIME_FORMATS),
    createdAt: isoDateTimeSchema,
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof userSchema>;

export const adminUserSchema = userSchema
  .extend({
    disabled: z.boolean(),
    lastLoginAt: isoDateTimeSchema.nullable(),
    /** Two-factor authentication is on (an enrolment not yet confirmed does not count). */
    mfaEnabled: z.boolean(),
  })
  .meta({ id: 'AdminUser' });
export type AdminUser = z.infer<typeof adminUserSchema>;

export const loginBodySchema = z.object({
  email: z.string().trim().toLowerCase().min(1).max(254),
  password: z.string().min(1).max(256),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

export const sessionResponseSchema = z.object({ user: userSchema, csrfToken: z.string() }).meta({ id: 'Session' });
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const profilePatchSchema = z
  .object({
    name: z.string().trim().min(1).max(USER_NAME_MAX),
    language: z.enum(LANGUAGES),
    timezone: timeZoneSchema,
    dateFormat: z.enum(DATE_FORMATS),
    timeFormat: z.enum(TIME_FORMATS),
  })
  .partial()
  .strict();
export type ProfilePatch = z.infer<typeof profilePatchSchema>;

export const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: newPasswordSchema,
});

export const adminUserCreateSchema = z
  .object({
    email: emailSchema,
    name: z.string().trim().min(1).max(USER_NAME_MAX),
    password: newPasswordSchema,
    role: z.enum(ROLES).default('user'),
  })
  .strict();

export const adminUserPatchSchema = z
  .object({ role: z.enum(ROLES), disabled: z.boolean(), name: z.string().trim().min(1).max(USER_NAME_MAX) })
  .partial()
  .strict();

export const auditSchema = z
  .object({
    id: z.uuid(),
    actorId: z.uuid().nullable(),
    actorEmail: z.string().nullable(),
    action: z.enum(AUDIT_ACTIONS),
    targetType: z.enum(AUDIT_TARGET_TYPES).nullable(),
    targetId: z.string().nullable(),
    outcome: z.enum(AUDIT_OUTCOMES),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    requestId: z.string().nullable(),
    meta: z.record(z.string(), z.unknown()),
    createdAt: isoDateTimeSchema,
  })
  .meta({ id: 'Audit' });
export type Audit = z.infer<typeof auditSchema>;
