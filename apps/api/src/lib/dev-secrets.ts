import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Secrets for a start without JWT_SECRET / COOKIE_SECRET / MFA_ENCRYPTION_KEY outside production
 * (docs/decisions/0009-secrets.md): 32 random bytes each, generated on the first start into
 * `<DATA_DIR>/secrets.json` (mode 0600) and read back on the next ones, so that sessions and enrolled
 * authenticators survive a restart. The code holds no secret of its own.
 */
export const SECRET_NAMES = ['JWT_SECRET', 'COOKIE_SECRET', 'MFA_ENCRYPTION_KEY'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];
export type GeneratedSecrets = Record<SecretName, string>;

export const SECRETS_FILE = 'secrets.json';

export interface StoredSecrets {
  secrets: GeneratedSecrets;
  path: string;
  /** Written by this call (the first start with this data folder). */
  created: boolean;
}

/** Reads `<dataDir>/secrets.json`, or creates it when it does not exist. */
export function loadOrCreateSecrets(dataDir: string): StoredSecrets {
  const path = resolve(dataDir, SECRETS_FILE);
  const existing = readSecrets(path);
  if (existing) return { secrets: existing, path, created: false };
  mkdirSync(resolve(dataDir), { recursive: true, mode: 0o700 });
  const secrets = Object.fromEntries(
    SECRET_NAMES.map((name) => [name, randomBytes(32).toString('base64url')]),
  ) as GeneratedSecrets;
  const body = `${JSON.stringify({ note: 'Generated on the first start outside production. Deleting this file signs everyone out and makes enrolled authenticators unreadable.', ...secrets }, null, 2)}\n`;
  // Atomic and first-writer-wins: the whole file is written under a temporary name, then linked to
  // its real name, which fails if another process got there first — we then use theirs.
  const temporary = join(resolve(dataDir), `.${SECRETS_FILE}.${process.pid}.${randomBytes(6).toString('hex')}`);
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, body);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temporary, path);
    return { secrets, path, created: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const theirs = readSecrets(path);
    if (!theirs) throw new Error(`${path} appeared while it was being created, but cannot be read`);
    return { secrets: theirs, path, created: false };
  } finally {
    unlinkSync(temporary);
  }
}

function readSecrets(path: string): GeneratedSecrets | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  // Copied around with looser permissions: only the owner should read it (POSIX modes only).
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const record = (parsed ?? {}) as Partial<Record<SecretName, unknown>>;
  const complete = SECRET_NAMES.every((name) => typeof record[name] === 'string' && record[name].length >= 32);
  if (!complete)
    throw new Error(
      `${path} is damaged (each of ${SECRET_NAMES.join(', ')} must be 32+ characters); delete it to generate new secrets, or set the variables`,
    );
  return record as GeneratedSecrets;
}
