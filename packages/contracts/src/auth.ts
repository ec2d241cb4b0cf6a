/**
 * Cookie names of the session. Secure (production) session cookies carry the __Host- prefix: host-only,
 * Path=/, Secure. The CSRF cookie keeps its plain name (SPEC): the browser script reads it.
 */
export function sessionCookieNames(secure: boolean) {
  const prefix = secure ? '__Host-' : '';
  return { access: `${prefix}ct_at`, refresh: `${prefix}ct_rt`, csrf: 'csrf_token' } as const;
}
export const CSRF_HEADER = 'x-csrf-token';
