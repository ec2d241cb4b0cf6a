import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import { sessionCookieNames } from '@ct/contracts';
import { AppError } from '../lib/errors.ts';
import { requestContext } from '../lib/request-context.ts';
import { AccessTokens, CsrfTokens } from '../modules/auth/index.ts';
import { findActiveSession } from '../modules/auth/index.ts';
import { recordAudit } from '../modules/audits/index.ts';
import type { AuthContext, RouteAccess } from '../types.ts';

declare module 'fastify' {
  interface FastifyInstance {
    tokens: { access: AccessTokens; csrf: CsrfTokens; cookieNames: ReturnType<typeof sessionCookieNames> };
  }
}

const ACCESS_CLASSES = new Set<RouteAccess>(['public', 'session', 'user', 'admin']);

/**
 * Deny by default: every route must declare `config.access`, and `user`/`admin` routes run only for a
 * live session (the access JWT is verified, then its session and user are checked in the database,
 * so logout, revocation and disabling take effect at once).
 */
export const authPlugin = fp(async (app) => {
  await app.register(cookie, { secret: app.env.cookieSecret });
  app.decorate('tokens', {
    access: new AccessTokens(app.env.jwtSecret, app.env.ACCESS_TTL_SECONDS),
    csrf: new CsrfTokens(app.env.cookieSecret),
    cookieNames: sessionCookieNames(app.env.cookieSecure),
  });
  app.decorateRequest('auth', null);
  app.decorate('routeInventory', []);

  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const isInternal = route.url.startsWith('/docs');
    if (!access && !isInternal) {
      throw new Error(`Route ${methods.join(',')} ${route.url} does not declare config.access`);
    }
    if (access && !ACCESS_CLASSES.has(access)) throw new Error(`Route ${route.url}: unknown access "${access}"`);
    for (const method of methods) {
      if (method === 'HEAD') continue;
      app.routeInventory.push({ method, url: route.url, access: access ?? 'public' });
    }
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (access !== 'user' && access !== 'admin') return;
    const token = request.cookies[app.tokens.cookieNames.access];
    const now = app.clock.now();
    const claims = token ? await app.tokens.access.verify(token, now) : null;
    const session = claims ? await findActiveSession(app.db, claims.sid, now) : undefined;
    if (!claims || !session || session.userId !== claims.sub) {
      throw new AppError('unauthenticated', 'Sign in to continue');
    }
    request.auth = { userId: session.userId, sessionId: session.sessionId, role: session.role, email: session.email };
    if (access === 'admin' && session.role !== 'admin') {
      await recordAudit(
        app.db,
        {
          actorId: session.userId,
          action: 'authz_fail',
          targetType: 'route',
          targetId: `${request.method} ${request.routeOptions.url}`,
          outcome: 'failure',
        },
        requestContext(request),
      );
      throw new AppError('forbidden', 'Administrators only');
    }
  });
});

/** The authenticated caller of a `user`/`admin` route (the hook above guarantees it). */
export function authOf(request: { auth: AuthContext | null }) {
  if (!request.auth) throw new AppError('unauthenticated');
  return request.auth;
}
