import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * TOTP (RFC 6238) over HOTP (RFC 4226) with node:crypto: HMAC-SHA-1, 6 digits, 30-second steps, the
 * parameters every authenticator app understands. A code is accepted for the current step and one
 * step either side (clock drift); the caller rejects a step it has already accepted (replay).
 */
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_WINDOW = 1;
/** 160 bits, the secret length RFC 4226 recommends (§4, R6). */
const SECRET_BYTES = 20;

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding (the form otpauth:// URIs and apps use). */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** Decodes base32, ignoring case, spaces and padding; throws on any other character. */
export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = BASE32_ALPHABET.indexOf(char);
    if (value < 0) throw new Error('invalid base32');
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

export function newTotpSecret(): Buffer {
  return randomBytes(SECRET_BYTES);
}

/** HOTP (RFC 4226 §5.3): HMAC-SHA-1 of the 8-byte counter, dynamic truncation, 6 digits. */
export function hotp(secret: Uint8Array, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** TOTP_DIGITS).padStart(TOTP_DIGITS, '0');
}

/** The RFC 6238 time step of an instant (T0 = 0). */
export function timeStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

export function totp(secret: Uint8Array, now: Date): string {
  return hotp(secret, timeStep(now));
}

/** A 6-digit code as typed: spaces allowed ("123 456"). */
export function isTotpCode(code: string): boolean {
  return new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(code.replace(/\s/g, ''));
}

export type TotpMatch = { kind: 'ok'; step: number } | { kind: 'replay' } | { kind: 'wrong' };

/**
 * Checks a code against the steps around `now`. A code that only matches a step at or before
 * `lastUsedStep` is a replay: a code, once accepted, never works again, nor does an older one.
 * Every step of the window is compared (in constant time), whatever matches first.
 */
export function verifyTotp(secret: Uint8Array, code: string, now: Date, lastUsedStep: number | null): TotpMatch {
  const given = Buffer.from(code.replace(/\s/g, ''));
  const current = timeStep(now);
  let accepted: number | null = null;
  let replayed = false;
  for (let step = current - TOTP_WINDOW; step <= current + TOTP_WINDOW; step++) {
    const expected = Buffer.from(hotp(secret, step));
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) continue;
    if (lastUsedStep !== null && step <= lastUsedStep) replayed = true;
    else accepted ??= step;
  }
  if (accepted !== null) return { kind: 'ok', step: accepted };
  return replayed ? { kind: 'replay' } : { kind: 'wrong' };
}

/** The Key URI Format of Google Authenticator, understood by every TOTP app. */
export function otpauthUri(options: { secret: Uint8Array; issuer: string; account: string }): string {
  const label = `${encodeURIComponent(options.issuer)}:${encodeURIComponent(options.account)}`;
  const params = new URLSearchParams({
    secret: base32Encode(options.secret),
    issuer: options.issuer,
    algorithm: 'SHA1',
    digits: String(TOTP_DIGITS),
    period: String(TOTP_PERIOD_SECONDS),
  });
  return `otpauth://totp/${label}?${params.toString().replace(/\+/g, '%20')}`;
}
