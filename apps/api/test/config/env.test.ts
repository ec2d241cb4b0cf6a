import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/env.ts';

const SECRET = 'a-real-secret-of-at-least-32-characters!';

/** A data folder of its own (removed after the test): loadEnv writes the development secrets there. */
const folders: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ct-env-'));
  folders.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});
// A development loadEnv without DATA_DIR would write the secrets into the working directory's ./data.
const cwdSecrets = join(process.cwd(), 'data', 'secrets.json');
const hadCwdSecrets = existsSync(cwdSecrets);
afterAll(() => {
  if (!hadCwdSecrets) expect(existsSync(cwdSecrets), `${cwdSecrets} written by a test`).toBe(false);
});

describe('loadEnv', () => {
  it('refuses to start in production without JWT_SECRET, naming it', () => {
    expect(() => loadEnv({ NODE_ENV: 'production', COOKIE_SECRET: SECRET })).toThrow(/JWT_SECRET/);
  });

  it('refuses to start in production without COOKIE_SECRET, naming it', () => {
    expect(() => loadEnv({ NODE_ENV: 'production', JWT_SECRET: SECRET })).toThrow(/COOKIE_SECRET/);
  });

  it('refuses in production the development default this code used to publish', () => {
    expect(() =>
      loadEnv({
        NODE_ENV: 'production',
        JWT_SECRET: SECRET,
        COOKIE_SECRET: 'dev-only-secret-do-not-use-in-production-0123456789',
      }),
    ).toThrow(/COOKIE_SECRET is a value published with this code/);
  });

  it('refuses guessable secrets in production, saying why and how to make one', () => {
    const start = (value: string) => () =>
      loadEnv({ NODE_ENV: 'production', JWT_SECRET: value, COOKIE_SECRET: SECRET, DATA_DIR: dataDir() });
    expect(start('a'.repeat(32))).toThrow(
      'JWT_SECRET is guessable: only 1 distinct character (10+ needed); use 32 random bytes, e.g. `openssl rand -base64 32`',
    );
    expect(start('ab'.repeat(40))).toThrow(/JWT_SECRET is guessable: only 2 distinct characters/);
    // 32 hexadecimal characters are 16 bytes: below the 128 bits the estimate asks for.
    expect(start('0123456789ab0123456789ab01234567')).toThrow(/JWT_SECRET is guessable: ~114 bits estimated/);
    expect(() =>
      loadEnv({
        NODE_ENV: 'production',
        JWT_SECRET: SECRET,
        COOKIE_SECRET: SECRET,
        MFA_ENCRYPTION_KEY: 'x'.repeat(40),
      }),
    ).toThrow(/MFA_ENCRYPTION_KEY is guessable/);
    // 32 random bytes, as the message says: accepted.
    expect(
      loadEnv({
        NODE_ENV: 'production',
        JWT_SECRET: 'q3J0vQ9xLk2Zp7Wm4Rt8Yb1Nc6Hd5Fs0Ga3Ue9Io2Pl=',
        COOKIE_SECRET: SECRET,
      }).jwtSecret,
    ).toBe('q3J0vQ9xLk2Zp7Wm4Rt8Yb1Nc6Hd5Fs0Ga3Ue9Io2Pl=');
  });

  it('refuses a short secret and a non-postgres DATABASE_URL, naming them', () => {
    expect(() => loadEnv({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET: must be at least 32 characters/);
    expect(() => loadEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });

  it('starts in production with real secrets: secure cookies, embedded unless DATABASE_URL', () => {
    const env = loadEnv({ NODE_ENV: 'production', JWT_SECRET: SECRET, COOKIE_SECRET: `${SECRET}2` });
    expect(env).toMatchObject({ cookieSecure: true, jwtSecret: SECRET, cookieSecret: `${SECRET}2`, isEmbedded: true });
    expect(
      loadEnv({ NODE_ENV: 'production', JWT_SECRET: SECRET, COOKIE_SECRET: SECRET, DATABASE_URL: 'postgres://db/app' })
        .isEmbedded,
    ).toBe(false);
  });

  it('treats an empty variable as unset (DATABASE_URL= means the embedded database)', () => {
    expect(loadEnv({ DATABASE_URL: '', JWT_SECRET: '', DATA_DIR: dataDir() })).toMatchObject({ isEmbedded: true });
    expect(() => loadEnv({ NODE_ENV: 'production', JWT_SECRET: '', COOKIE_SECRET: SECRET })).toThrow(/JWT_SECRET/);
  });

  it('has working development defaults', () => {
    const env = loadEnv({ DATA_DIR: dataDir() });
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      API_PORT: 4000,
      cookieSecure: false,
      ACCESS_TTL_SECONDS: 900,
      appOrigins: ['http://localhost:3000', 'http://127.0.0.1:3000'],
      apiPublicPrefix: '/api',
    });
  });

  it('takes the public prefix of the API as a path (trailing slash dropped, / for the root)', () => {
    const DATA_DIR = dataDir();
    expect(loadEnv({ API_PUBLIC_PREFIX: '/calls-api/v1/', DATA_DIR }).apiPublicPrefix).toBe('/calls-api/v1');
    expect(loadEnv({ API_PUBLIC_PREFIX: '/', DATA_DIR }).apiPublicPrefix).toBe('');
    for (const value of ['api', '/api;Path=/', '/a b', '/..', '//evil', 'https://evil.example/api']) {
      expect(() => loadEnv({ API_PUBLIC_PREFIX: value }), value).toThrow(/API_PUBLIC_PREFIX/);
    }
  });

  it('caps the access token lifetime at 15 minutes', () => {
    expect(() => loadEnv({ ACCESS_TTL_SECONDS: '3600' })).toThrow(/ACCESS_TTL_SECONDS/);
  });
});

describe('development secrets (no JWT_SECRET, COOKIE_SECRET or MFA_ENCRYPTION_KEY)', () => {
  it('generates them on the first start into DATA_DIR/secrets.json, mode 0600, and reuses them on the next', () => {
    const dir = dataDir();
    const first = loadEnv({ DATA_DIR: dir });
    const path = join(dir, 'secrets.json');
    expect(first.generatedSecrets).toEqual({ path, created: true });
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
    expect(stored).toMatchObject({
      JWT_SECRET: first.jwtSecret,
      COOKIE_SECRET: first.cookieSecret,
      MFA_ENCRYPTION_KEY: first.mfaEncryptionKey,
    });
    // 32 random bytes each (base64url), all different.
    for (const secret of [first.jwtSecret, first.cookieSecret, first.mfaEncryptionKey])
      expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
    expect(new Set([first.jwtSecret, first.cookieSecret, first.mfaEncryptionKey]).size).toBe(3);
    // Nothing but the file is left behind (the temporary name it was written under is gone).
    expect(readdirSync(dir)).toEqual(['secrets.json']);

    const next = loadEnv({ DATA_DIR: dir });
    expect(next.generatedSecrets).toEqual({ path, created: false });
    expect([next.jwtSecret, next.cookieSecret, next.mfaEncryptionKey]).toEqual([
      first.jwtSecret,
      first.cookieSecret,
      first.mfaEncryptionKey,
    ]);
  });

  it('holds no secret in the code: another data folder gets other secrets, and no source file has them', () => {
    const a = loadEnv({ DATA_DIR: dataDir() });
    const b = loadEnv({ DATA_DIR: dataDir() });
    expect(a.jwtSecret).not.toBe(b.jwtSecret);
    expect(a.cookieSecret).not.toBe(b.cookieSecret);
    // The development default this code used to publish is gone from every source file.
    for (const root of ['../../src/', '../../../../packages/']) {
      const dir = new URL(root, import.meta.url);
      const sources = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
        (file) => /\.(ts|mjs|json)$/.test(file) && !file.includes('node_modules'),
      );
      expect(sources.length).toBeGreaterThan(10);
      for (const file of sources) expect(readFileSync(new URL(file, dir), 'utf8'), file).not.toMatch(/dev-only-secret/);
    }
  });

  it('keeps them in the data folder with DATABASE_URL too, and uses the variables that are set', () => {
    const dir = dataDir();
    const env = loadEnv({ DATA_DIR: dir, DATABASE_URL: 'postgres://db/app', COOKIE_SECRET: SECRET });
    expect(env.isEmbedded).toBe(false);
    expect(env.cookieSecret).toBe(SECRET);
    expect(env.jwtSecret).toBe(
      (JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')) as Record<string, string>).JWT_SECRET,
    );
  });

  it('writes no file when JWT_SECRET is set (the others default to it), nor in tests', () => {
    const dir = dataDir();
    expect(loadEnv({ DATA_DIR: dir, JWT_SECRET: SECRET })).toMatchObject({
      jwtSecret: SECRET,
      cookieSecret: SECRET,
      mfaEncryptionKey: SECRET,
      generatedSecrets: null,
    });
    const test = loadEnv({ DATA_DIR: dir, NODE_ENV: 'test' });
    expect(test.generatedSecrets).toBe('in memory');
    expect(test.jwtSecret).not.toBe(loadEnv({ DATA_DIR: dir, NODE_ENV: 'test' }).jwtSecret);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('tightens a secrets file readable by others, and refuses a damaged one, naming it', () => {
    const dir = dataDir();
    const path = join(dir, 'secrets.json');
    const first = loadEnv({ DATA_DIR: dir });
    if (process.platform !== 'win32') {
      chmodSync(path, 0o644);
      expect(loadEnv({ DATA_DIR: dir }).jwtSecret).toBe(first.jwtSecret);
      expect(statSync(path).mode & 0o777).toBe(0o600);
    }
    writeFileSync(path, '{"JWT_SECRET":"short"}');
    expect(() => loadEnv({ DATA_DIR: dir })).toThrow(`${path} is damaged`);
  });
});
