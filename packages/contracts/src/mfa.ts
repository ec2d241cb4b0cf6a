import { z } from 'zod';
import { isoDateTimeSchema } from './common.ts';
import { sessionResponseSchema } from './users.ts';

/**
 * Two-factor authentication (TOTP, decision 0025). A code is a 6-digit TOTP code or a recovery code
 * (`xxxxx-xxxxx`); spaces and dashes are tolerated.
 */
export const mfaCodeSchema = z.string().trim().min(1).max(32);

export const mfaStatusSchema = z
  .object({
    enabled: z.boolean(),
    enabledAt: isoDateTimeSchema.nullable(),
    /** Unused recovery codes left (0 when 2FA is off). */
    recoveryCodesRemaining: z.number().int(),
  })
  .meta({ id: 'MfaStatus' });
export type MfaStatus = z.infer<typeof mfaStatusSchema>;

/** Starting an enrolment needs the password again (ASVS 7.5.1: re-authentication before changing factors). */
export const mfaSetupBodySchema = z.object({ password: z.string().min(1).max(256) }).strict();

/** The new secret, shown once while the enrolment waits for its first code; never returned again. */
export const mfaSetupSchema = z
  .object({
    /** Base32, for typing into an app by hand. */
    secret: z.string(),
    otpauthUri: z.string(),
    /** The otpauth URI as a QR code, an SVG document. */
    qrSvg: z.string(),
    /** The enrolment must be confirmed with a code before this instant. */
    expiresAt: isoDateTimeSchema,
  })
  .meta({ id: 'MfaSetup' });
export type MfaSetup = z.infer<typeof mfaSetupSchema>;

export const mfaEnableBodySchema = z.object({ code: mfaCodeSchema }).strict();

/** Re-authentication for turning 2FA off or replacing the recovery codes: the password and a code. */
export const mfaReauthBodySchema = z.object({ password: z.string().min(1).max(256), code: mfaCodeSchema }).strict();

export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) }).meta({ id: 'RecoveryCodes' });
export type RecoveryCodes = z.infer<typeof recoveryCodesSchema>;

/** What `POST /auth/login` answers instead of a session when the account has 2FA: no cookie is set. */
export const mfaChallengeSchema = z
  .object({
    mfaRequired: z.literal(true),
    /** Opaque, single-use, bound to the account; send it back to `POST /auth/login/mfa`. */
    challenge: z.string(),
    expiresAt: isoDateTimeSchema,
  })
  .meta({ id: 'MfaChallenge' });
export type MfaChallenge = z.infer<typeof mfaChallengeSchema>;

export const loginResponseSchema = z.union([sessionResponseSchema, mfaChallengeSchema]);
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const loginMfaBodySchema = z.object({ challenge: z.string().min(1).max(128), code: mfaCodeSchema }).strict();
export type LoginMfaBody = z.infer<typeof loginMfaBodySchema>;
