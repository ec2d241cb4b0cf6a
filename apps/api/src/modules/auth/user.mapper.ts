import type { AdminUser, User } from '@ct/contracts';
import type { UserRow } from './user.repository.ts';

/** The public shape of a user: never the hash, never internal columns. */
export function mapUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    language: row.language as User['language'],
    timezone: row.timezone,
    dateFormat: row.dateFormat as User['dateFormat'],
    timeFormat: row.timeFormat as User['timeFormat'],
    createdAt: row.createdAt.toISOString(),
  };
}

/** A user as the admin pages see it; `mfaEnabled` comes from the 2FA tables, not the users row. */
export function mapAdminUser(row: UserRow & { mfaEnabled: boolean }): AdminUser {
  return {
    ...mapUser(row),
    disabled: row.disabled,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    mfaEnabled: row.mfaEnabled,
  };
}
