/**
 * The users module's public surface: the users table's repository, the public shapes of a user, and
 * the one loader of "who is this user" (context, defaults, not-found). Other modules import from here,
 * never from the files behind it.
 */
export * from './users.repository.ts';
export { mapAdminUser, mapUser } from './users.mapper.ts';
export {
  listActiveUserContexts,
  loadUserContext,
  loadUserContexts,
  UserNotFoundError,
  type UserContext,
  type UserPrefs,
} from './user-context.service.ts';
