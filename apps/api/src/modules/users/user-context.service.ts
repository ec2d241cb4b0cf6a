import type { DateFormat, Language, Role, Settings, TimeFormat } from '@ct/contracts';
import type { Executor } from '@ct/db';
import { AppError } from '../../lib/errors.ts';
import { mapUserContext } from './users.mapper.ts';
import { findActiveUsersWithSettings } from './users.repository.ts';

/**
 * Who a user is, for any work done on their behalf: identity, role, locale and formats, time zone,
 * and their settings (work hours, phone region, reminder and notification preferences). A user
 * without a settings row gets DEFAULT_SETTINGS, here and nowhere else.
 */
export interface UserContext {
  id: string;
  email: string;
  name: string;
  role: Role;
  language: Language;
  timezone: string;
  dateFormat: DateFormat;
  timeFormat: TimeFormat;
  settings: Settings;
}

/** The part of a context that scheduling needs: the user's zone and work settings. */
export type UserPrefs = Pick<UserContext, 'timezone' | 'settings'>;

/** The user is gone or disabled: a 404 problem+json on an HTTP route; jobs skip such users instead. */
export class UserNotFoundError extends AppError {
  constructor(readonly userId: string) {
    super('not_found', 'User not found');
    this.name = 'UserNotFoundError';
  }
}

/** The context of one enabled user; throws UserNotFoundError if the user is missing or disabled. */
export async function loadUserContext(db: Executor, userId: string): Promise<UserContext> {
  const [row] = await findActiveUsersWithSettings(db, [userId]);
  if (!row) throw new UserNotFoundError(userId);
  return mapUserContext(row);
}

/** The contexts of the given users that are still enabled, ordered by id; the others are left out. */
export async function loadUserContexts(db: Executor, userIds: string[]): Promise<UserContext[]> {
  return (await findActiveUsersWithSettings(db, userIds)).map(mapUserContext);
}

/** The contexts of every enabled user, ordered by id (the jobs that visit each user's day). */
export async function listActiveUserContexts(db: Executor): Promise<UserContext[]> {
  return (await findActiveUsersWithSettings(db)).map(mapUserContext);
}
