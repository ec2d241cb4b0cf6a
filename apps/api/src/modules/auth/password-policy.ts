import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, type PasswordRefusal } from '@ct/contracts';
import { AppError, type ErrorCode } from '../../lib/errors.ts';
import { COMMON_FRENCH_PASSWORDS } from './common-passwords-fr.ts';

/**
 * The one password policy (NIST SP 800-63B, ASVS 6.2), for every path that sets a password: the user's
 * own change and the admin's create (decision 0008). Length only, no composition rules, spaces and
 * long pasted passphrases welcome, nothing trimmed or truncated; refused: control characters, a
 * common password, a password that is mostly the app's name or the account's email or name, and (on a
 * change) the current password. Sign-in never goes through it: existing passwords keep working.
 */

/** The app's name as people type it; spaces, dots, dashes and underscores are ignored anyway. */
const APP_NAMES = ['Call Tracking', 'Call Tracker'];

/** Shorter context words (a two-letter name) would refuse too much for what they protect. */
const MIN_CONTEXT_WORD = 3;
/** Shorter list entries with digits around them (`abc` + `12345`) are left to the exact match. */
const MIN_COMMON_CORE = 4;
/** Digits and punctuation around a word that still leave it "mostly that word": a year and two signs. */
const MAX_SHORT_DECORATION = 6;

export interface PasswordContext {
  /** The account's email (its local part and domain name count too). */
  email?: string | undefined;
  /** The account holder's name (each part of it counts too). */
  name?: string | undefined;
  /** On a change, the current password, already verified: the new one must differ. */
  currentPassword?: string | undefined;
}

export type PasswordVerdict =
  { ok: true } | { ok: false; code: PasswordRefusal | 'validation_failed'; message: string };

/**
 * How two spellings are compared: compatibility forms and accents folded (`Élodie` = `elodie`, full-width
 * letters = ASCII), lower case, and the separators people put between words dropped.
 */
export function foldPassword(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s._\-'’]+/gu, '');
}

/** The text without the digits and punctuation around it: `CallTracking2026!` → `calltracking`. */
function coreOf(folded: string): string {
  return folded.replace(/^[^\p{L}]+/u, '').replace(/[^\p{L}]+$/u, '');
}

/**
 * `word`, or `word` with digits and punctuation around it (`Demo2026!`, `2026-calltracking`) that are no
 * longer than the word itself or than MAX_SHORT_DECORATION, whichever is more.
 */
function isMostly(folded: string, word: string): boolean {
  if (folded === word) return true;
  return coreOf(folded) === word && folded.length - word.length <= Math.max(word.length, MAX_SHORT_DECORATION);
}

/** `aaaaaaaa`, `123123123`, `abcdabcd`: the list leaves these out (its build filters patterns). */
function isRepetitive(folded: string): boolean {
  return /^(.{1,4})\1+$/su.test(folded);
}

/** `abcdefgh`, `87654321`: every character one code point after (or before) the previous one. */
function isSequential(folded: string): boolean {
  const codes = Array.from(folded, (c) => c.codePointAt(0) ?? 0);
  if (codes.length < 3) return false;
  const step = (codes[1] ?? 0) - (codes[0] ?? 0);
  return Math.abs(step) === 1 && codes.every((code, i) => i === 0 || code - (codes[i - 1] ?? 0) === step);
}

let commonPasswords: Promise<ReadonlySet<string>> | undefined;

/**
 * The common-password list, loaded once at first use: zxcvbn-ts's `passwords-common` (49,233 entries)
 * and a few French ones, folded into a Set (about 100 ms and 4 MB of heap).
 */
export function loadCommonPasswords(): Promise<ReadonlySet<string>> {
  commonPasswords ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) => new Set([...dictionary['passwords-common'], ...COMMON_FRENCH_PASSWORDS].map(foldPassword)),
    (err: unknown) => {
      commonPasswords = undefined;
      throw err;
    },
  );
  return commonPasswords;
}

/** The words a password must not be made of: the app's name, the email and its parts, the name and its parts. */
export function contextWords(context: PasswordContext): string[] {
  const words = [...APP_NAMES];
  if (context.email) {
    const [local = '', domain = ''] = context.email.split('@');
    words.push(context.email, local, ...local.split(/[._+-]/), ...domain.split('.').slice(0, -1));
  }
  if (context.name) words.push(context.name, ...context.name.split(/[\s.'’-]+/u));
  // `john99` counts as `john` too, so that `john99!` is caught like `john!`.
  const folded = words.flatMap((word) => [foldPassword(word), coreOf(foldPassword(word))]);
  return [...new Set(folded)].filter((word) => word.length >= MIN_CONTEXT_WORD);
}

/** The policy on one new password; `common` is the list (see loadCommonPasswords). */
export function checkPassword(
  password: string,
  context: PasswordContext,
  common: ReadonlySet<string>,
): PasswordVerdict {
  if (/\p{Cc}/u.test(password)) {
    return { ok: false, code: 'password_control_chars', message: 'No control characters (tab, new line, NUL…)' };
  }
  if (password.length < PASSWORD_MIN_LENGTH) {
    return { ok: false, code: 'validation_failed', message: `At least ${PASSWORD_MIN_LENGTH} characters` };
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return { ok: false, code: 'validation_failed', message: `At most ${PASSWORD_MAX_LENGTH} characters` };
  }
  if (context.currentPassword !== undefined && password === context.currentPassword) {
    return { ok: false, code: 'password_reused', message: 'Choose a password other than the current one' };
  }
  const folded = foldPassword(password);
  const core = coreOf(folded);
  if (
    folded.length < MIN_COMMON_CORE || // `        `, `--------`: separators and little else
    common.has(folded) ||
    (core.length >= MIN_COMMON_CORE && common.has(core) && isMostly(folded, core)) ||
    isRepetitive(folded) ||
    isSequential(folded)
  ) {
    return { ok: false, code: 'password_too_common', message: 'Too common: choose a longer, personal passphrase' };
  }
  if (contextWords(context).some((word) => isMostly(folded, word))) {
    return {
      ok: false,
      code: 'password_contextual',
      message: 'Too close to the app name, the email address or the name of the account',
    };
  }
  return { ok: true };
}

/**
 * Throws the 400 problem of a refused password, with the field's `errors[]` entry (`path` as the
 * request validation names it, e.g. `body.newPassword`).
 */
export async function assertPasswordAllowed(password: string, context: PasswordContext, path: string) {
  const verdict = checkPassword(password, context, await loadCommonPasswords());
  if (verdict.ok) return;
  const code: ErrorCode = verdict.code;
  throw new AppError(code, `Password refused: ${verdict.message}`, [{ path, message: verdict.message }]);
}
