import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { callExportQuerySchema, problemSchema } from '@ct/contracts';
import { attachment } from '../../lib/csv-writer.ts';
import { authOf } from '../../plugins/auth.ts';
import { createCallsService } from './calls.service.ts';
import { createExportService } from './export.service.ts';

/** Per-user budget: an export reads every matching call. */
export const EXPORT_RATE = { max: 30, timeWindow: 10 * 60_000 };
const byUser = (prefix: string) => (request: FastifyRequest) => `${prefix}:${request.auth?.userId ?? request.ip}`;

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 429: problemSchema };
const csvResponse = (description: string) => ({ description, content: { 'text/csv': { schema: z.string() } } });

/**
 * `GET /calls/export`. Registered after the imports module and tagged with it, where the route was
 * first documented: the OpenAPI document (and the web's generated types) keep their order.
 */
export async function exportRoutes(app: FastifyInstance) {
  const exporter = createExportService(app, createCallsService(app));
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/calls/export', {
    config: { access: 'user' },
    onRequest: app.rateLimit({ ...EXPORT_RATE, keyGenerator: byUser('export') }),
    schema: {
      tags: ['imports'],
      summary:
        'The calls matching the filters of GET /calls, as CSV (UTF-8 with BOM; `;` for French users, `,` otherwise)',
      querystring: callExportQuerySchema,
      response: {
        200: csvResponse('CSV of the calls; dates in the user’s format and zone; formula cells neutralised'),
        ...problems,
      },
    },
    handler: async (request, reply) => {
      const file = await exporter.exportCalls(authOf(request).userId, request.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachment(file.filename))
        .header('cache-control', 'no-store')
        .send(file.stream as never); // a stream: not serialised
    },
  });
}
