import { NextResponse, type NextRequest } from 'next/server';
import { sessionCookieNames } from '@ct/contracts/auth';
import { HOME_PATH, LOGIN_PATH, safeNextPath } from '@/lib/safe-redirect';

/**
 * What says "this browser was given a session": the readable CSRF cookie. The refresh cookie would be the
 * obvious sign, but it is scoped to /api/auth (decision 0041) and never reaches a page. The CSRF cookie
 * goes to every path (SameSite=Lax, so a link from another site still finds it), is set with the session,
 * lives as long as the refresh cookie and is cleared with it; it is no credential on its own.
 */
const SESSION_MARKER_COOKIE = sessionCookieNames(false).csrf;

/**
 * A per-request nonce lets Next's own scripts and our theme script run, and nothing else.
 * Inline style *attributes* stay allowed (React `style` props); style elements need the nonce — except in
 * development, where the dev overlay and HMR inject styles without one (and React needs eval).
 */
function contentSecurityPolicy(nonce: string) {
  const isDev = process.env.NODE_ENV === 'development';
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ''}`,
    isDev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function withCsp(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', csp);
  return response;
}

/**
 * Optimistic gate only: the session marker cookie must be present to see an app page. The API checks the
 * session for real on every call; when it says no, the client refreshes once or comes back to /login.
 */
export function proxy(request: NextRequest) {
  const { pathname, search, searchParams } = request.nextUrl;
  const hasSession = request.cookies.has(SESSION_MARKER_COOKIE);

  if (pathname === LOGIN_PATH) {
    // `reason` (signed-out, expired) means the client knows the cookie is stale: show the form anyway.
    if (hasSession && !searchParams.has('reason')) {
      return NextResponse.redirect(new URL(safeNextPath(searchParams.get('next')), request.url));
    }
    return withCsp(request);
  }

  if (!hasSession) {
    const login = new URL(LOGIN_PATH, request.url);
    if (pathname !== '/' && pathname !== HOME_PATH) login.searchParams.set('next', `${pathname}${search}`);
    return NextResponse.redirect(login);
  }
  return withCsp(request);
}

export const config = {
  // Pages only: not the API proxy, Next's assets, or public files (anything with an extension).
  matcher: ['/((?!api/|_next/static|_next/image|.*\\.[a-zA-Z0-9]+$).*)'],
};
