import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CookieSerializeOptions } from '@fastify/cookie';
import { legacyRefreshCookieName } from '@ct/contracts';
import type { IssuedSession } from './auth.service.ts';

/**
 * The three session cookies and where the browser sends them (decision 0041):
 * - access (`ct_at`): HttpOnly, every API path (`Path=/`), SameSite=Lax;
 * - refresh (`ct_rt`): HttpOnly, only the auth routes as the browser sees them (`Path=<prefix>/auth`,
 *   e.g. /api/auth), SameSite=Strict — so it never rides along with a page or an ordinary API call;
 * - CSRF (`csrf_token`): readable by the page script, `Path=/`, SameSite=Lax; its presence is also what
 *   the web app's page gate looks for, so it must reach every page, cross-site links included.
 * With COOKIE_SECURE all are Secure, the access cookie is `__Host-` and the refresh cookie `__Secure-`
 * (a `__Host-` cookie must have Path=/).
 */
export function sessionCookies(app: FastifyInstance) {
  const names = app.tokens.cookieNames;
  const legacyRefresh = legacyRefreshCookieName(app.env.cookieSecure);
  const secure = app.env.cookieSecure;
  const access: CookieSerializeOptions = { path: '/', sameSite: 'lax', secure, httpOnly: true };
  const refresh: CookieSerializeOptions = {
    path: `${app.env.apiPublicPrefix}/auth`,
    sameSite: 'strict',
    secure,
    httpOnly: true,
  };
  const csrf: CookieSerializeOptions = { path: '/', sameSite: 'lax', secure, httpOnly: false };
  // The refresh cookie as it was before it was scoped: same path and prefix rules as the access cookie.
  const legacy: CookieSerializeOptions = { ...access };

  /** A browser signed in before the scoping still holds a `Path=/` refresh cookie: it goes away. */
  function clearLegacy(reply: FastifyReply) {
    reply.clearCookie(legacyRefresh, legacy);
  }

  return {
    set(reply: FastifyReply, issued: IssuedSession) {
      const refreshMaxAge = Math.max(
        0,
        Math.floor((issued.refreshExpiresAt.getTime() - app.clock.now().getTime()) / 1000),
      );
      clearLegacy(reply);
      reply
        .setCookie(names.access, issued.accessToken, { ...access, maxAge: app.env.ACCESS_TTL_SECONDS })
        .setCookie(names.refresh, issued.refreshToken, { ...refresh, maxAge: refreshMaxAge })
        .setCookie(names.csrf, issued.csrfToken, { ...csrf, maxAge: refreshMaxAge });
    },

    /** Each cookie is cleared with the name and path it was set with, or the browser keeps it. */
    clear(reply: FastifyReply) {
      clearLegacy(reply);
      reply.clearCookie(names.access, access).clearCookie(names.refresh, refresh).clearCookie(names.csrf, csrf);
    },

    /**
     * The refresh token the request carries. When a browser holds both (same name without COOKIE_SECURE),
     * it sends the longer path first and the parser keeps the first: the scoped cookie wins. The legacy
     * one is accepted when it comes alone, so the upgrade signs nobody out; the answer sets the scoped
     * cookie and clears the legacy one, so it is used at most once.
     */
    refreshToken(request: FastifyRequest): string | undefined {
      return request.cookies[names.refresh] ?? request.cookies[legacyRefresh];
    },
  };
}
