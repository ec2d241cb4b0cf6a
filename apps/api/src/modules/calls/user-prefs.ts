import { eq } from 'drizzle-orm';
import { users, type Executor } from '@ct/db';
import { DEFAULT_PROFILE, type Settings } from '@ct/contracts';
import { findSettings } from '../settings/settings.repository.ts';

/** What the call workflow needs to know about its user: their zone and their work settings. */
export interface UserPrefs {
  timezone: string;
  settings: Settings;
}

export async function loadUserPrefs(db: Executor, userId: string): Promise<UserPrefs> {
  const [rows, settings] = await Promise.all([
    db.select({ timezone: users.timezone }).from(users).where(eq(users.id, userId)).limit(1),
    findSettings(db, userId),
  ]);
  return { timezone: rows[0]?.timezone ?? DEFAULT_PROFILE.timezone, settings };
}

export async function loadUserTimezone(db: Executor, userId: string): Promise<string> {
  const [row] = await db.select({ timezone: users.timezone }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.timezone ?? DEFAULT_PROFILE.timezone;
}
