import { sessionCookieNames } from '@ct/contracts/auth';

const CSRF_COOKIE = sessionCookieNames(false).csrf;

/** Token from the last login/refresh body: a fallback when the cookie cannot be read. */
let lastKnownToken: string | null = null;

export function rememberCsrfToken(token: string | null) {
  lastKnownToken = token;
}

/** The CSRF token to echo in `x-csrf-token`: the readable cookie first (it follows other tabs' refreshes). */
export function readCsrfToken(): string | null {
  if (typeof document !== 'undefined') {
    for (const part of document.cookie.split(';')) {
      const [name, ...rest] = part.trim().split('=');
      if (name === CSRF_COOKIE && rest.length > 0) return decodeURIComponent(rest.join('='));
    }
  }
  return lastKnownToken;
}
