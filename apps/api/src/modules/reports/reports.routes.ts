import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { kpiQuerySchema, kpiReportSchema, problemSchema, todayReportSchema } from '@ct/contracts';
import { authOf } from '../../plugins/auth.ts';
import { createReportsService } from './reports.service.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema };

export async function reportsRoutes(app: FastifyInstance) {
  const service = createReportsService(app);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/reports/kpi', {
    config: { access: 'user' },
    schema: {
      tags: ['reports'],
      summary: "The caller's KPIs over a range, in their time zone, with the previous period for comparison",
      description:
        '`range`: `7d`, `30d`, `90d` (ending today) or `YYYY-MM-DD..YYYY-MM-DD` (both included, at most 366 days). Soft-deleted calls count nowhere; numbers flagged as fake are left out of the rates and of bestHours.',
      querystring: kpiQuerySchema,
      response: { 200: kpiReportSchema, ...problems },
    },
    handler: async (request) => service.kpi(authOf(request).userId, request.query.range),
  });

  r.get('/reports/today', {
    config: { access: 'user' },
    schema: {
      tags: ['reports'],
      summary: "Today's attempts and today's open reminders (overdue included), in the caller's zone",
      response: { 200: todayReportSchema, ...problems },
    },
    handler: async (request) => service.today(authOf(request).userId),
  });
}
