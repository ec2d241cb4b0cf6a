import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problemSchema, settingsPatchSchema, settingsSchema } from '@ct/contracts';
import { authOf } from '../../plugins/auth.ts';
import { createSettingsService } from './settings.service.ts';

export async function settingsRoutes(app: FastifyInstance) {
  const service = createSettingsService(app);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/me/settings', {
    config: { access: 'user' },
    schema: {
      tags: ['settings'],
      summary: "The caller's work and notification settings",
      response: { 200: settingsSchema, 401: problemSchema },
    },
    handler: async (request) => service.get(authOf(request).userId),
  });

  r.patch('/me/settings', {
    config: { access: 'user' },
    schema: {
      tags: ['settings'],
      summary: 'Change settings; all or nothing — one invalid field and nothing is saved',
      body: settingsPatchSchema,
      response: { 200: settingsSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema },
    },
    handler: async (request) => service.update(authOf(request).userId, request.body),
  });
}
