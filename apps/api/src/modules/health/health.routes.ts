import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '@ct/contracts';
import { AppError } from '../../lib/errors.ts';

export async function healthRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get('/health', {
    config: { access: 'public' },
    schema: {
      tags: ['health'],
      summary: 'Liveness and database check',
      response: {
        200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }),
        503: problemSchema,
      },
    },
    handler: async () => {
      try {
        await app.database.ping();
      } catch {
        throw new AppError('unavailable', 'The database is unavailable');
      }
      return { status: 'ok' as const, database: app.database.kind };
    },
  });
}
