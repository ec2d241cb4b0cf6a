/**
 * Cookie names of the session. With secure cookies (production) the access cookie carries the __Host-
 * prefix (host-only, Path=/, Secure); the refresh cookie, scoped to the auth routes (decision 0041),
 * cannot — a __Host- cookie must have Path=/ — so it carries __Secure-. The CSRF cookie keeps its plain
 * name: the browser script reads it, and the web app's page gate looks for it.
 */
export function sessionCookieNames(secure: boolean) {
  return {
    access: `${secure ? '__Host-' : ''}ct_at`,
    refresh: `${secure ? '__Secure-' : ''}ct_rt`,
    csrf: 'csrf_token',
  } as const;
}

/**
 * The refresh cookie as it was set before it was scoped to the auth routes (Path=/). Browsers signed in
 * back then may still hold it: the API accepts it once and clears it.
 */
export function legacyRefreshCookieName(secure: boolean) {
  return `${secure ? '__Host-' : ''}ct_rt` as const;
}

export const CSRF_HEADER = 'x-csrf-token';
