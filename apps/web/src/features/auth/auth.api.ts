import type { LoginBody, LoginMfaBody, User } from '@ct/contracts';
import { api, ApiError, rememberCsrfToken, unwrap } from '@/lib/api';

/** A sign-in either opened a session, or (two-factor accounts) waits for a code. */
export type LoginResult =
  { kind: 'signed-in'; user: User } | { kind: 'code-required'; challenge: string; expiresAt: string };

/**
 * Signs in; the API sets the session cookies — or, for an account with two-factor authentication,
 * answers a challenge to complete with `completeLogin`. Throws ApiError (401 bad credentials, 429 throttled).
 */
export async function login(body: LoginBody): Promise<LoginResult> {
  const result = await unwrap(api.POST('/auth/login', { body }));
  if ('mfaRequired' in result)
    return { kind: 'code-required', challenge: result.challenge, expiresAt: result.expiresAt };
  rememberCsrfToken(result.csrfToken);
  return { kind: 'signed-in', user: result.user };
}

/**
 * The second sign-in step: the challenge and a code from the app, or a recovery code. Throws ApiError:
 * 401 `invalid_mfa_code` (try again), 401 `mfa_challenge_invalid` (start over), 429 throttled.
 */
export async function completeLogin(body: LoginMfaBody): Promise<User> {
  const session = await unwrap(api.POST('/auth/login/mfa', { body }));
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
