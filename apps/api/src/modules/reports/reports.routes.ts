import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  kpiQuerySchema,
  kpiReportSchema,
  problemSchema,
  teamReportQuerySchema,
  teamReportSchema,
  todayReportSchema,
} from '@ct/contracts';
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

  r.get('/reports/team', {
    config: { access: 'user' },
    schema: {
      tags: ['reports'],
      summary: "A team's KPIs per member and in total, its lists' progress, and who is on which contact now",
      description: [
        "`range` as in GET /reports/kpi (in the caller's time zone). Counted: the attempts logged by the team's members",
        "and the callbacks they hold, on the calls of the team's lists (archived lists included), with the",
        'definitions of GET /reports/kpi (soft-deleted calls count nowhere; flagged numbers count in the volumes,',
        'not in the rates). `talkSeconds` is 0: there is no telephony yet to time the calls.',
        'A lead of the team or an admin; a plain member of the team gets 403, anyone else 404.',
      ].join(' '),
      querystring: teamReportQuerySchema,
      response: { 200: teamReportSchema, ...problems, 404: problemSchema },
    },
    handler: async (request) => service.team(authOf(request), request.query.teamId, request.query.range),
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
