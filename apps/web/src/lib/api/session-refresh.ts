import { CSRF_HEADER } from '@ct/contracts/auth';
import { readCsrfToken, rememberCsrfToken } from './csrf';

export const API_BASE_URL = '/api';

let refreshInFlight: Promise<boolean> | null = null;
/** Bumped after every successful refresh, so a request sent before it is simply retried. */
let sessionGeneration = 0;
let isRedirecting = false;

export function currentSessionGeneration() {
  return sessionGeneration;
}

async function postRefresh(): Promise<boolean> {
  const headers = new Headers({ accept: 'application/json' });
  const token = readCsrfToken();
  if (token) headers.set(CSRF_HEADER, token);
  try {
    const response = await fetch(`${API_BASE_URL}/auth/refresh`, { method: 'POST', credentials: 'include', headers });
    if (!response.ok) return false;
    const body = (await response.json()) as { csrfToken?: unknown };
    if (typeof body.csrfToken === 'string') rememberCsrfToken(body.csrfToken);
    sessionGeneration += 1;
    return true;
  } catch {
    return false;
  }
}

/**
 * Across tabs too: the refresh runs under a Web Lock, and a tab that waited for it finds the CSRF cookie
 * already rotated by the other tab — the session is fresh, so it does not replay the old refresh token.
 */
async function refreshAcrossTabs(): Promise<boolean> {
  const tokenBefore = readCsrfToken();
  const refreshUnlessDone = () => {
    const tokenNow = readCsrfToken();
    return tokenNow !== null && tokenNow !== tokenBefore ? Promise.resolve(true) : postRefresh();
  };
  if (typeof navigator === 'undefined' || !navigator.locks) return refreshUnlessDone();
  return navigator.locks.request('ct-session-refresh', refreshUnlessDone);
}

/**
 * One POST /auth/refresh at a time: concurrent 401s all wait for the same attempt, because the refresh
 * token rotates and the API revokes the whole session when a used one comes back.
 */
export function refreshSession(): Promise<boolean> {
  refreshInFlight ??= refreshAcrossTabs().finally(() => {
    refreshInFlight = null;
  });
  return refreshInFlight;
}

/** The session is gone for good: back to the login page, then back here after signing in. */
export function redirectToLogin() {
  if (isRedirecting || typeof window === 'undefined') return;
  isRedirecting = true;
  const here = `${window.location.pathname}${window.location.search}`;
  const params = new URLSearchParams({ reason: 'expired', next: here });
  window.location.assign(`/login?${params.toString()}`);
}
