import { describe, expect, it } from 'vitest';
import { newRecoveryCode, normalizeRecoveryCode } from '../../src/modules/mfa/recovery-codes.ts';
import { SecretBox } from '../../src/modules/mfa/secret-box.ts';
import { base32Decode, base32Encode, hotp, otpauthUri, totp, verifyTotp } from '../../src/modules/mfa/totp.ts';

/** The secret of the RFC 4226 and RFC 6238 test vectors (SHA-1). */
const RFC_SECRET = Buffer.from('12345678901234567890', 'ascii');

describe('HOTP (RFC 4226 appendix D)', () => {
  it('gives the published values for counters 0 to 9', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    expect(expected.map((_, counter) => hotp(RFC_SECRET, counter))).toEqual(expected);
  });
});

describe('TOTP (RFC 6238 appendix B, SHA-1, last 6 digits)', () => {
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1111111111, '050471'],
    [1234567890, '005924'],
    [2000000000, '279037'],
    [20000000000, '353130'],
  ])('at %i s gives %s', (seconds, code) => {
    expect(totp(RFC_SECRET, new Date(seconds * 1000))).toBe(code);
  });

  it('accepts the previous and next step, not two steps away, and never a step already used', () => {
    const now = new Date('2026-03-02T10:00:10Z');
    const at = (deltaSteps: number) => totp(RFC_SECRET, new Date(now.getTime() + deltaSteps * 30_000));
    const step = Math.floor(now.getTime() / 30_000);
    expect(verifyTotp(RFC_SECRET, at(0), now, null)).toEqual({ kind: 'ok', step });
    expect(verifyTotp(RFC_SECRET, at(-1), now, null)).toEqual({ kind: 'ok', step: step - 1 });
    expect(verifyTotp(RFC_SECRET, at(1), now, null)).toEqual({ kind: 'ok', step: step + 1 });
    expect(verifyTotp(RFC_SECRET, at(2), now, null).kind).toBe('wrong');
    expect(verifyTotp(RFC_SECRET, at(-2), now, null).kind).toBe('wrong');
    expect(verifyTotp(RFC_SECRET, at(0), now, step).kind).toBe('replay');
    expect(verifyTotp(RFC_SECRET, at(-1), now, step).kind).toBe('replay');
    expect(verifyTotp(RFC_SECRET, at(1), now, step)).toEqual({ kind: 'ok', step: step + 1 });
    expect(verifyTotp(RFC_SECRET, `${at(0).slice(0, 3)} ${at(0).slice(3)}`, now, null).kind).toBe('ok');
  });
});

describe('base32 and the otpauth URI', () => {
  it('round-trips and matches RFC 4648 test vectors (without padding)', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Encode(Buffer.from('fooba'))).toBe('MZXW6YTB');
    expect(base32Decode('mzxw6ytboi').toString()).toBe('foobar');
    expect(base32Decode('MZXW 6YTB OI======').toString()).toBe('foobar');
    expect(() => base32Decode('MZXW1')).toThrow();
  });

  it('names the issuer and account and carries the parameters apps expect', () => {
    const uri = new URL(
      otpauthUri({ secret: Buffer.from('foobar'), issuer: 'Call Tracking', account: 'jo@example.test' }),
    );
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Call Tracking:jo@example.test');
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      secret: 'MZXW6YTBOI',
      issuer: 'Call Tracking',
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
  });
});

describe('SecretBox (AES-256-GCM at rest)', () => {
  const box = new SecretBox('a server secret of at least thirty-two chars', 'test/v1');

  it('opens what it sealed, with a fresh IV each time, and no plain text in the sealed form', () => {
    const secret = Buffer.from('0123456789abcdefghij');
    const a = box.seal(secret, 'user_mfa:1');
    const b = box.seal(secret, 'user_mfa:1');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(a).not.toContain(secret.toString('base64url'));
    expect(box.open(a, 'user_mfa:1')).toEqual(secret);
  });

  it('refuses a value bound to another row, altered, or opened with another key', () => {
    const sealed = box.seal(Buffer.from('seed'), 'user_mfa:1');
    expect(() => box.open(sealed, 'user_mfa:2')).toThrow();
    const [v, iv, body, tag] = sealed.split('.') as [string, string, string, string];
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => box.open([v, iv, flipped.toString('base64url'), tag].join('.'), 'user_mfa:1')).toThrow();
    expect(() =>
      new SecretBox('another server secret of 32+ characters', 'test/v1').open(sealed, 'user_mfa:1'),
    ).toThrow();
    expect(() =>
      new SecretBox('a server secret of at least thirty-two chars', 'other/v1').open(sealed, 'user_mfa:1'),
    ).toThrow();
  });
});

describe('recovery codes', () => {
  it('are 10 characters of Crockford base32 in two groups, read back forgivingly', () => {
    const code = newRecoveryCode();
    expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
    expect(normalizeRecoveryCode(code.toUpperCase().replace('-', ' '))).toBe(code);
    expect(normalizeRecoveryCode('O1IL2-ABCDE')).toBe('01112-abcde');
    expect(normalizeRecoveryCode('abcd-efgh')).toBeNull();
    expect(normalizeRecoveryCode('uuuuu-uuuuu')).toBeNull();
  });
});
