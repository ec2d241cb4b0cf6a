import { DEFAULT_SETTINGS, type Role } from '@ct/contracts';
import { settings, users, type Database } from '@ct/db';
import { hashPassword } from '@ct/db';

let seq = 0;
const hashCache = new Map<string, Promise<string>>();

export interface TestUser {
  id: string;
  email: string;
  password: string;
  role: Role;
}

/** Inserts a user with default settings (hashes are cached per password: Argon2 is slow on purpose). */
export async function createUser(database: Database, options: { role?: Role; password?: string; email?: string; name?: string; timezone?: string } = {}): Promise<TestUser> {
  const password = options.password ?? 'correct horse battery';
  const email = options.email ?? `user${++seq}-${Date.now()}@example.test`;
  if (!hashCache.has(password)) hashCache.set(password, hashPassword(password));
  const passwordHash = await hashCache.get(password)!;
  const [row] = await database.db
    .insert(users)
    .values({ email, name: options.name ?? `User ${seq}`, passwordHash, role: options.role ?? 'user', timezone: options.timezone ?? 'Europe/Paris' })
    .returning();
  if (!row) throw new Error('user insert failed');
  await database.db.insert(settings).values({ userId: row.id, ...DEFAULT_SETTINGS });
  return { id: row.id, email, password, role: row.role };
}
