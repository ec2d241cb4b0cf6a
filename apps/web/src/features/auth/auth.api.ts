import type { LoginBody, User } from '@ct/contracts';
import { api, ApiError, rememberCsrfToken, unwrap } from '@/lib/api';

export const meQueryKey = ['me'] as const;

export async function fetchMe(): Promise<User> {
  return unwrap(api.GET('/me'));
}

/** Signs in; the API sets the session cookies. Throws ApiError (401 bad credentials, 429 throttled). */
export async function login(body: LoginBody): Promise<User> {
  const session = await unwrap(api.POST('/auth/login', { body }));
  rememberCsrfToken(session.csrfToken);
  return session.user;
}

/** Ends the session server-side; the API clears the cookies. */
export async function logout(): Promise<void> {
  try {
    await unwrap(api.POST('/auth/logout'));
  } catch (error) {
    // Already signed out (401) is the outcome we want; anything else is worth surfacing.
    if (!(error instanceof ApiError && error.status === 401)) throw error;
  } finally {
    rememberCsrfToken(null);
  }
}
