import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  loginBodySchema,
  loginMfaBodySchema,
  loginResponseSchema,
  problemSchema,
  sessionResponseSchema,
} from '@ct/contracts';
import { AppError } from '../../lib/errors.ts';
import { requestContext } from '../../lib/request-context.ts';
import { assertCsrf } from '../../plugins/csrf.ts';
import { clientKey } from '../../plugins/rate-limit.ts';
import { recordAudit } from '../audits/index.ts';
import { createAuthService } from './auth.service.ts';
import { sessionCookies } from './session-cookies.ts';
import { mapUser, type UserRow } from '../users/index.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 429: problemSchema };

export async function authRoutes(app: FastifyInstance) {
  const service = createAuthService(app);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cookies = sessionCookies(app);

  // Failed logins are counted per client address and per account (successes are given back, so a user
  // who signs in often is never locked out); over budget → 429 + Retry-After, whatever the password.
  const loginAttempts = app.attemptLimiter({
    name: 'login',
    max: app.env.LOGIN_RATE_MAX,
    windowMs: app.env.LOGIN_RATE_WINDOW_MS,
  });

  r.post('/auth/login', {
    config: { access: 'public' },
    schema: {
      tags: ['auth'],
      summary: 'Sign in with email and password',
      description:
        'Sets the access, refresh and csrf_token cookies and answers the session. For an account with two-factor authentication, the right password sets no cookie: the answer is `{mfaRequired: true, challenge, expiresAt}`, to complete within 5 minutes with POST /auth/login/mfa. Failed attempts are throttled per IP and per account.',
      body: loginBodySchema,
      response: { 200: loginResponseSchema, ...problems },
    },
    handler: async (request, reply) => {
      const ctx = requestContext(request);
      const keys = [`ip:${clientKey(request.ip)}`, `acct:${request.body.email}`];
      const decision = await loginAttempts.take(keys);
      if (!decision.allowed) {
        for (const { key, firstRefusal } of decision.exceeded) {
          if (!firstRefusal) continue;
          await recordAudit(
            app.db,
            {
              actorId: null,
              action: 'excess_rate_limit_exceeded',
              targetType: 'route',
              targetId: 'POST /auth/login',
              outcome: 'failure',
              meta: { key: key.split(':', 1)[0] ?? key },
            },
            ctx,
          );
        }
        throw new AppError(
          'rate_limited',
          `Too many failed attempts, retry in ${decision.retryAfterSeconds} s`,
          undefined,
          { 'retry-after': String(decision.retryAfterSeconds) },
        );
      }
      let user: UserRow;
      try {
        user = await service.verifyCredentials(request.body.email, request.body.password, ctx);
      } catch (err) {
        // Only a wrong guess counts; an outage (503) or a bug must not eat into the user's budget.
        if (!(err instanceof AppError && err.code === 'invalid_credentials')) await loginAttempts.refund(keys);
        throw err;
      }
      await loginAttempts.refund(keys);
      if (await app.mfa.isEnabled(user.id)) {
        const { challenge, expiresAt } = await app.mfa.createChallenge(user.id, ctx);
        return { mfaRequired: true as const, challenge, expiresAt: expiresAt.toISOString() };
      }
      const issued = await service.openSession(user, ctx);
      cookies.set(reply, issued);
      return { user: mapUser(issued.user), csrfToken: issued.csrfToken };
    },
  });

  r.post('/auth/login/mfa', {
    config: { access: 'public' },
    schema: {
      tags: ['auth'],
      summary: 'Second sign-in step: the challenge and a code from the authenticator app (or a recovery code)',
      description:
        'Sets the cookies exactly as POST /auth/login does. A TOTP code works once; a recovery code works once. A wrong code → 401 invalid_mfa_code (the challenge stays open, up to 5 wrong codes); an expired, used or worn-out challenge → 401 mfa_challenge_invalid (sign in again). Wrong codes are throttled per account and per IP (429 + Retry-After).',
      body: loginMfaBodySchema,
      response: { 200: sessionResponseSchema, ...problems },
    },
    handler: async (request, reply) => {
      const ctx = requestContext(request);
      const userId = await app.mfa.completeChallenge(request.body.challenge, request.body.code, ctx);
      const issued = await service.openSessionFor(userId, ctx);
      cookies.set(reply, issued);
      return { user: mapUser(issued.user), csrfToken: issued.csrfToken };
    },
  });

  r.post('/auth/refresh', {
    config: { access: 'session' },
    schema: {
      tags: ['auth'],
      summary: 'Rotate the refresh token',
      description: 'A rotated (already used) refresh token revokes its whole session family.',
      response: { 200: sessionResponseSchema, ...problems },
    },
    handler: async (request, reply) => {
      const token = cookies.refreshToken(request);
      const sessionId = await service.sessionOfRefreshToken(token);
      if (!token || !sessionId) {
        cookies.clear(reply);
        throw new AppError('session_expired', 'No valid session, sign in again');
      }
      assertCsrf(request, sessionId);
      try {
        const issued = await service.refresh(token, requestContext(request));
        cookies.set(reply, issued);
        return { user: mapUser(issued.user), csrfToken: issued.csrfToken };
      } catch (err) {
        if (err instanceof AppError && err.status === 401) cookies.clear(reply);
        throw err;
      }
    },
  });

  r.post('/auth/logout', {
    config: { access: 'session' },
    schema: {
      tags: ['auth'],
      summary: 'Sign out: revoke the session and clear the cookies',
      response: { 204: z.null(), ...problems },
    },
    handler: async (request, reply) => {
      const now = app.clock.now();
      const access = request.cookies[app.tokens.cookieNames.access];
      const claims = access ? await app.tokens.access.verify(access, now) : null;
      const sessionId = claims?.sid ?? (await service.sessionOfRefreshToken(cookies.refreshToken(request)));
      // Deny by default: with no session to end, the route answers like every other non-public one
      // (401; the web client treats it as "already signed out") and drops whatever cookies are left.
      if (!sessionId) {
        cookies.clear(reply);
        throw new AppError('unauthenticated', 'No session to sign out of');
      }
      // The CSRF check comes before any Set-Cookie: a forged logout must not even clear the cookies.
      assertCsrf(request, sessionId);
      await service.logout(sessionId, requestContext(request));
      cookies.clear(reply);
      return reply.code(204).send(null);
    },
  });
}
