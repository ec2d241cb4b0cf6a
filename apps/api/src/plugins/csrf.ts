import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { CSRF_HEADER } from '@ct/contracts';
import { AppError } from '../lib/errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Two layers on every unsafe request (OWASP CSRF cheat sheet):
 * 1. Fetch Metadata / Origin: a cross-site `Sec-Fetch-Site`, or an `Origin` that is not one of the
 *    app's, is refused — this alone guards login, which has no session yet;
 * 2. the signed double-submit token in `x-csrf-token`, bound to the caller's session.
 * Requests without Origin and Sec-Fetch-* (non-browser clients) rely on the token alone.
 */
export const csrfPlugin = fp(async (app) => {
  const allowed = new Set(app.env.appOrigins);

  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method)) return;
    const fetchSite = request.headers['sec-fetch-site'];
    if (fetchSite === 'cross-site') throw new AppError('csrf_failed', 'Cross-site request refused');
    const origin = request.headers.origin;
    if (origin !== undefined && !allowed.has(origin)) {
      throw new AppError('csrf_failed', 'Request origin not allowed');
    }
    const access = request.routeOptions.config.access;
    if ((access === 'user' || access === 'admin') && request.auth) {
      assertCsrf(request, request.auth.sessionId);
    }
  });
});

/** Checks the request's CSRF header against a session (also used by routes that find their session themselves). */
export function assertCsrf(request: FastifyRequest, sessionId: string) {
  const header = request.headers[CSRF_HEADER];
  const token = Array.isArray(header) ? undefined : header;
  if (!request.server.tokens.csrf.verify(token, sessionId)) {
    throw new AppError('csrf_failed', 'Missing or invalid CSRF token');
  }
}
