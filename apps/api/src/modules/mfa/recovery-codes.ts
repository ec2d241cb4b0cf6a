import { randomInt } from 'node:crypto';

/**
 * Recovery codes: 10 of them, each 10 characters of Crockford's base32 (50 bits), shown as
 * `xxxxx-xxxxx`. Typed back, case, spaces and dashes do not matter, and the letters Crockford reads
 * as digits (O→0, I/L→1) are read that way. Stored as Argon2id hashes (ASVS 6.5.2: under 112 bits a
 * lookup secret needs a salted password hash).
 */
export const RECOVERY_CODE_COUNT = 10;
const LENGTH = 10;
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export function newRecoveryCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** The canonical form of a typed recovery code, or null if it cannot be one. */
export function normalizeRecoveryCode(typed: string): string | null {
  const compact = typed.toLowerCase().replace(/[\s-]/g, '').replace(/o/g, '0').replace(/[il]/g, '1');
  if (compact.length !== LENGTH || [...compact].some((c) => !ALPHABET.includes(c))) return null;
  return `${compact.slice(0, 5)}-${compact.slice(5)}`;
}
