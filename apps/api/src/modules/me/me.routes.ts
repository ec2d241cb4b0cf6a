import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { passwordChangeSchema, problemSchema, profilePatchSchema, userSchema } from '@ct/contracts';
import { AppError } from '../../lib/errors.ts';
import { requestContext } from '../../lib/request-context.ts';
import { authOf } from '../../plugins/auth.ts';
import { mapUser } from '../users/index.ts';
import { createMeService } from './me.service.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema };

export async function meRoutes(app: FastifyInstance) {
  const service = createMeService(app);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/me', {
    config: { access: 'user' },
    schema: { tags: ['me'], summary: 'The signed-in user', response: { 200: userSchema, ...problems } },
    handler: async (request) => mapUser(await service.get(authOf(request).userId)),
  });

  r.patch('/me', {
    config: { access: 'user' },
    schema: {
      tags: ['me'],
      summary: 'Update the profile (name, language, time zone, date and time formats)',
      description: 'Unknown fields (role, email, …) are refused: the profile is all the caller may change here.',
      body: profilePatchSchema,
      response: { 200: userSchema, ...problems },
    },
    handler: async (request) => mapUser(await service.updateProfile(authOf(request).userId, request.body)),
  });

  // A stolen session must not become a way to guess the current password: wrong guesses are
  // throttled per user like logins (successes are given back).
  const passwordAttempts = app.attemptLimiter({
    name: 'password-change',
    max: app.env.LOGIN_RATE_MAX,
    windowMs: app.env.LOGIN_RATE_WINDOW_MS,
  });

  r.post('/me/password', {
    config: { access: 'user' },
    schema: {
      tags: ['me'],
      summary: 'Change the password (needs the current one); signs out every other session',
      description:
        'A wrong current password answers 403 `wrong_password`; wrong guesses are throttled per user (429 + Retry-After). The new password goes through the password policy: 400 `validation_failed` (under 8 or over 256 characters), `password_too_common` (on the common-password list, or a repetition or sequence), `password_contextual` (mostly the app name, the email or the name of the account), `password_control_chars` or `password_reused` (the current one), each with an `errors[]` entry on `body.newPassword`; nothing is changed then.',
      body: passwordChangeSchema,
      response: { 200: z.object({ revokedSessions: z.number().int() }), ...problems, 429: problemSchema },
    },
    handler: async (request) => {
      const auth = authOf(request);
      const keys = [`user:${auth.userId}`];
      const decision = await passwordAttempts.take(keys);
      if (!decision.allowed) {
        throw new AppError(
          'rate_limited',
          `Too many wrong passwords, retry in ${decision.retryAfterSeconds} s`,
          undefined,
          { 'retry-after': String(decision.retryAfterSeconds) },
        );
      }
      try {
        const revokedSessions = await service.changePassword(
          auth.userId,
          auth.sessionId,
          request.body.currentPassword,
          request.body.newPassword,
          requestContext(request),
        );
        await passwordAttempts.refund(keys);
        return { revokedSessions };
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'wrong_password')) await passwordAttempts.refund(keys);
        throw err;
      }
    },
  });

  r.post('/me/sessions/revoke-others', {
    config: { access: 'user' },
    schema: {
      tags: ['me'],
      summary: 'Sign out every other session of the caller',
      response: { 200: z.object({ revokedSessions: z.number().int() }), ...problems },
    },
    handler: async (request) => {
      const auth = authOf(request);
      return {
        revokedSessions: await service.revokeOtherSessions(auth.userId, auth.sessionId, requestContext(request)),
      };
    },
  });
}
