import { DEFAULT_SETTINGS, type AdminUser, type DateFormat, type TimeFormat, type User } from '@ct/contracts';
import { mapSettings } from '../settings/index.ts';
import type { UserContext } from './user-context.service.ts';
import type { UserContextRow, UserRow } from './users.repository.ts';

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

/** A user's context (see user-context.service.ts); the settings defaults apply when the row is missing. */
export function mapUserContext({ user, settings }: UserContextRow): UserContext {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    language: user.language === 'en' ? 'en' : 'fr',
    timezone: user.timezone,
    dateFormat: user.dateFormat as DateFormat,
    timeFormat: user.timeFormat as TimeFormat,
    settings: settings ? mapSettings(settings) : { ...DEFAULT_SETTINGS },
  };
}
