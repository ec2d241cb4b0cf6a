import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import { hashPassword, verifyPasswordHash } from '@ct/db';
import type { MfaSetup, MfaStatus } from '@ct/contracts';
import { AppError, notFound } from '../../lib/errors.ts';
import type { RequestContext } from '../../lib/request-context.ts';
import { recordAudit, type AuditEntry } from '../audits/index.ts';
import { verifyPassword } from '../auth/index.ts';
import { hashToken } from '../auth/index.ts';
import * as usersRepo from '../users/index.ts';
import { createCodeThrottle } from './mfa.throttle.ts';
import * as repo from './mfa.repository.ts';
import { newRecoveryCode, normalizeRecoveryCode, RECOVERY_CODE_COUNT } from './recovery-codes.ts';
import { SecretBox } from './secret-box.ts';
import { base32Encode, isTotpCode, newTotpSecret, otpauthUri, verifyTotp } from './totp.ts';

const ISSUER = 'Call Tracking';
/** A started enrolment must be confirmed with a code within this time. */
const ENROLMENT_TTL_MS = 15 * 60_000;
/** The second sign-in step must be completed within this time. */
export const CHALLENGE_TTL_MS = 5 * 60_000;
/** Wrong codes one challenge takes before the password has to be entered again. */
export const CHALLENGE_MAX_FAILURES = 5;

type CodeCheck =
  | { ok: true; method: 'totp' | 'recovery_code' }
  | { ok: false; reason: 'wrong_code' | 'replay' | 'wrong_recovery_code' | 'secret_unreadable' };

/**
 * Two-factor authentication by TOTP (decision 0025): enrolment with re-authentication, recovery codes,
 * the second sign-in step, replay protection, throttling of wrong codes, an audit row for every step.
 */
export function createMfaService(app: FastifyInstance) {
  const { db, clock, env } = app;
  const box = new SecretBox(env.mfaEncryptionKey, 'call-tracking/totp-secret/v1');
  const throttled = createCodeThrottle(app);
  const aad = (userId: string) => `user_mfa:${userId}`;
  const audit = (entry: AuditEntry, ctx: RequestContext) => recordAudit(db, entry, ctx);

  function openSecret(row: repo.UserMfaRow): Buffer | null {
    try {
      return box.open(row.secretEncrypted, aad(row.userId));
    } catch {
      // Never the value itself: only that it cannot be read (MFA_ENCRYPTION_KEY or JWT_SECRET changed?).
      app.log.warn({ userId: row.userId }, 'a TOTP secret cannot be decrypted; the user needs a recovery code');
      return null;
    }
  }

  /** A TOTP code (each step once) or an unused recovery code (spent here); both atomic under races. */
  async function checkCode(row: repo.UserMfaRow, code: string, now: Date): Promise<CodeCheck> {
    if (isTotpCode(code)) {
      const secret = openSecret(row);
      if (!secret) return { ok: false, reason: 'secret_unreadable' };
      const match = verifyTotp(secret, code, now, row.lastUsedStep);
      if (match.kind !== 'ok') return { ok: false, reason: match.kind === 'replay' ? 'replay' : 'wrong_code' };
      if (!(await repo.claimStep(db, row.userId, match.step, now))) return { ok: false, reason: 'replay' };
      return { ok: true, method: 'totp' };
    }
    const typed = normalizeRecoveryCode(code);
    if (!typed) return { ok: false, reason: 'wrong_code' };
    const candidates = await repo.listUnusedRecoveryCodes(db, row.userId);
    const matches = await Promise.all(candidates.map((c) => verifyPasswordHash(c.codeHash, typed).catch(() => false)));
    const found = candidates[matches.indexOf(true)];
    if (!found || !(await repo.useRecoveryCode(db, found.id, now))) return { ok: false, reason: 'wrong_recovery_code' };
    return { ok: true, method: 'recovery_code' };
  }

  async function auditRecoveryUse(userId: string, ctx: RequestContext) {
    const remaining = await repo.countUnusedRecoveryCodes(db, userId);
    await audit(
      {
        actorId: userId,
        action: 'authn_mfa_recovery_code_used',
        targetType: 'user',
        targetId: userId,
        meta: { remaining },
      },
      ctx,
    );
  }

  async function newRecoveryCodes() {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    return { codes, hashes: await Promise.all(codes.map((c) => hashPassword(c))) };
  }

  /** Password and a current code, for turning 2FA off or replacing the recovery codes. */
  async function reauthenticate(
    userId: string,
    password: string,
    code: string,
    action: 'authn_mfa_disable' | 'authn_mfa_recovery_codes_regenerate',
    route: string,
    ctx: RequestContext,
  ) {
    const user = await usersRepo.findUserById(db, userId);
    if (!user) throw notFound('User');
    const row = await repo.findMfa(db, userId);
    if (!row?.enabledAt) throw new AppError('mfa_not_enabled', 'Two-factor authentication is not on');
    await throttled(userId, route, ctx, async () => {
      const fail = (reason: string) =>
        audit(
          { actorId: userId, action, targetType: 'user', targetId: userId, outcome: 'failure', meta: { reason } },
          ctx,
        );
      if (!(await verifyPassword(user.passwordHash, password))) {
        await fail('wrong_password');
        throw new AppError('wrong_password', 'The password is incorrect', [
          { path: 'password', message: 'Incorrect password' },
        ]);
      }
      const check = await checkCode(row, code, clock.now());
      if (!check.ok) {
        await fail(check.reason);
        throw new AppError('wrong_mfa_code', 'The code is incorrect', [{ path: 'code', message: 'Incorrect code' }]);
      }
      if (check.method === 'recovery_code') await auditRecoveryUse(userId, ctx);
    });
  }

  return {
    async status(userId: string): Promise<MfaStatus> {
      const row = await repo.findMfa(db, userId);
      const enabled = Boolean(row?.enabledAt);
      return {
        enabled,
        enabledAt: row?.enabledAt?.toISOString() ?? null,
        recoveryCodesRemaining: enabled ? await repo.countUnusedRecoveryCodes(db, userId) : 0,
      };
    },

    async isEnabled(userId: string): Promise<boolean> {
      return Boolean((await repo.findMfa(db, userId))?.enabledAt);
    },

    /** A new secret (replacing a pending one), shown once; the password is asked again first. */
    async startEnrolment(userId: string, password: string, ctx: RequestContext): Promise<MfaSetup> {
      const user = await usersRepo.findUserById(db, userId);
      if (!user) throw notFound('User');
      return throttled(userId, 'POST /me/mfa/setup', ctx, async () => {
        if (!(await verifyPassword(user.passwordHash, password))) {
          await audit(
            {
              actorId: userId,
              action: 'authn_mfa_enrol_start',
              targetType: 'user',
              targetId: userId,
              outcome: 'failure',
              meta: { reason: 'wrong_password' },
            },
            ctx,
          );
          throw new AppError('wrong_password', 'The password is incorrect', [
            { path: 'password', message: 'Incorrect password' },
          ]);
        }
        const secret = newTotpSecret();
        const now = clock.now();
        const saved = await db.transaction(async (tx) => {
          const row = await repo.savePendingMfa(tx, userId, box.seal(secret, aad(userId)), now);
          if (row)
            await recordAudit(
              tx,
              { actorId: userId, action: 'authn_mfa_enrol_start', targetType: 'user', targetId: userId },
              ctx,
            );
          return row;
        });
        if (!saved) throw new AppError('mfa_already_enabled', 'Two-factor authentication is already on');
        const uri = otpauthUri({ secret, issuer: ISSUER, account: user.email });
        return {
          secret: base32Encode(secret),
          otpauthUri: uri,
          qrSvg: await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
          expiresAt: new Date(now.getTime() + ENROLMENT_TTL_MS).toISOString(),
        };
      });
    },

    /** Confirms the pending enrolment with a first code; returns the recovery codes (shown once). */
    async enable(userId: string, code: string, ctx: RequestContext): Promise<string[]> {
      const row = await repo.findMfa(db, userId);
      if (row?.enabledAt) throw new AppError('mfa_already_enabled', 'Two-factor authentication is already on');
      const now = clock.now();
      const secret = row && row.createdAt.getTime() + ENROLMENT_TTL_MS > now.getTime() ? openSecret(row) : null;
      if (!row || !secret) throw new AppError('mfa_setup_missing', 'Start the enrolment again');
      return throttled(userId, 'POST /me/mfa/enable', ctx, async () => {
        const match = isTotpCode(code) ? verifyTotp(secret, code, now, null) : ({ kind: 'wrong' } as const);
        if (match.kind !== 'ok') {
          await audit(
            {
              actorId: userId,
              action: 'authn_mfa_enable',
              targetType: 'user',
              targetId: userId,
              outcome: 'failure',
              meta: { reason: 'wrong_code' },
            },
            ctx,
          );
          throw new AppError('wrong_mfa_code', 'The code is incorrect', [{ path: 'code', message: 'Incorrect code' }]);
        }
        const { codes, hashes } = await newRecoveryCodes();
        const enabled = await db.transaction(async (tx) => {
          if (!(await repo.enableMfa(tx, userId, row.secretEncrypted, match.step, now))) return false;
          await repo.replaceRecoveryCodes(tx, userId, hashes, now);
          await recordAudit(
            tx,
            { actorId: userId, action: 'authn_mfa_enable', targetType: 'user', targetId: userId },
            ctx,
          );
          return true;
        });
        // Another request enabled it, or replaced the pending secret, in between.
        if (!enabled) throw new AppError('mfa_setup_missing', 'Start the enrolment again');
        return codes;
      });
    },

    async disable(userId: string, password: string, code: string, ctx: RequestContext): Promise<void> {
      await reauthenticate(userId, password, code, 'authn_mfa_disable', 'POST /me/mfa/disable', ctx);
      await db.transaction(async (tx) => {
        await repo.deleteMfa(tx, userId);
        await recordAudit(
          tx,
          { actorId: userId, action: 'authn_mfa_disable', targetType: 'user', targetId: userId },
          ctx,
        );
      });
    },

    async regenerateRecoveryCodes(userId: string, password: string, code: string, ctx: RequestContext) {
      const action = 'authn_mfa_recovery_codes_regenerate';
      await reauthenticate(userId, password, code, action, 'POST /me/mfa/recovery-codes', ctx);
      const { codes, hashes } = await newRecoveryCodes();
      await db.transaction(async (tx) => {
        await repo.replaceRecoveryCodes(tx, userId, hashes, clock.now());
        await recordAudit(tx, { actorId: userId, action, targetType: 'user', targetId: userId }, ctx);
      });
      return codes;
    },

    /** After the right password of an account with 2FA: the opaque token of the second step. */
    async createChallenge(userId: string, ctx: RequestContext) {
      const challenge = randomBytes(32).toString('base64url');
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + CHALLENGE_TTL_MS);
      await db.transaction(async (tx) => {
        await repo.createChallenge(tx, { userId, tokenHash: hashToken(challenge), expiresAt, now });
        await recordAudit(
          tx,
          { actorId: userId, action: 'authn_mfa_challenge', targetType: 'user', targetId: userId },
          ctx,
        );
      });
      return { challenge, expiresAt };
    },

    /**
     * The second sign-in step: the challenge must be open and the code right (a TOTP code not used
     * before, or an unused recovery code). Returns the user to open a session for; the challenge is
     * spent, so it signs in once.
     */
    async completeChallenge(challenge: string, code: string, ctx: RequestContext): Promise<string> {
      const now = clock.now();
      const expired = () =>
        new AppError('mfa_challenge_invalid', 'This sign-in has expired: enter your password again');
      const open = await repo.findOpenChallenge(db, hashToken(challenge), now, CHALLENGE_MAX_FAILURES);
      if (!open) throw expired();
      const { userId } = open;
      return throttled(userId, 'POST /auth/login/mfa', ctx, async () => {
        const row = await repo.findMfa(db, userId);
        // Turned off in between (from another session): the challenge no longer means anything.
        if (!row?.enabledAt) throw expired();
        const check = await checkCode(row, code, now);
        if (!check.ok) {
          await repo.countChallengeFailure(db, open.id);
          await audit(
            {
              actorId: userId,
              action: 'authn_mfa_fail',
              targetType: 'user',
              targetId: userId,
              outcome: 'failure',
              meta: { reason: check.reason },
            },
            ctx,
          );
          throw new AppError('invalid_mfa_code', 'Invalid code');
        }
        if (!(await repo.consumeChallenge(db, open.id, now))) throw expired();
        await audit(
          {
            actorId: userId,
            action: 'authn_mfa_success',
            targetType: 'user',
            targetId: userId,
            meta: { method: check.method },
          },
          ctx,
        );
        if (check.method === 'recovery_code') await auditRecoveryUse(userId, ctx);
        return userId;
      });
    },
  };
}

export type MfaService = ReturnType<typeof createMfaService>;
