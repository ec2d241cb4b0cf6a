import { hash, verify, type Algorithm } from '@node-rs/argon2';

/**
 * How users.password_hash is made: Argon2id at OWASP's recommended minimum (m=19 MiB, t=2, p=1), a
 * unique salt per hash, PHC string format. Shared by the API and the seed.
 */
export const PASSWORD_HASH_OPTIONS = {
  algorithm: 2 as Algorithm.Argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, PASSWORD_HASH_OPTIONS);
}

export function verifyPasswordHash(storedHash: string, password: string): Promise<boolean> {
  return verify(storedHash, password);
}
