import { hashPassword, PASSWORD_HASH_OPTIONS, verifyPasswordHash } from '@ct/db';

export { hashPassword };

/** A hash of a random password: verifying an unknown email against it costs the same as a real one. */
const dummyHash = hashPassword(`dummy-${crypto.randomUUID()}`);

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  try {
    return await verifyPasswordHash(storedHash ?? (await dummyHash), password);
  } catch {
    return false;
  }
}

/** True when a stored hash was made with weaker parameters than today's and should be re-hashed. */
export function needsRehash(storedHash: string): boolean {
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(storedHash);
  if (!match) return true;
  const m = Number(match[1]);
  const t = Number(match[2]);
  return m < PASSWORD_HASH_OPTIONS.memoryCost || t < PASSWORD_HASH_OPTIONS.timeCost;
}
