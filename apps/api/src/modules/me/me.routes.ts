import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { passwordChangeSchema, problemSchema, profilePatchSchema, userSchema } from '@ct/contracts';
import { requestContext } from '../../lib/request-context.ts';
import { authOf } from '../../plugins/auth.ts';
import { mapUser } from '../auth/user.mapper.ts';
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

  r.post('/me/password', {
    config: { access: 'user' },
    schema: {
      tags: ['me'],
      summary: 'Change the password (needs the current one); signs out every other session',
      body: passwordChangeSchema,
      response: { 200: z.object({ revokedSessions: z.number().int() }), ...problems },
    },
    handler: async (request) => {
      const auth = authOf(request);
      const revokedSessions = await service.changePassword(auth.userId, auth.sessionId, request.body.currentPassword, request.body.newPassword, requestContext(request));
      return { revokedSessions };
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
      return { revokedSessions: await service.revokeOtherSessions(auth.userId, auth.sessionId, requestContext(request)) };
    },
  });
}
