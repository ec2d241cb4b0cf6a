import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  idParamsSchema,
  pageOf,
  problemSchema,
  reminderCreateSchema,
  reminderListQuerySchema,
  reminderPatchSchema,
  reminderSchema,
  reminderSnoozeSchema,
} from '@ct/contracts';
import { requestContext } from '../../lib/request-context.ts';
import { authOf } from '../../plugins/auth.ts';
import { ifMatchOf, setEtag } from '../../lib/etag.ts';
import { createRemindersService } from './reminders.service.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const writeProblems = { ...problems, 409: problemSchema, 412: problemSchema };
const reminderPageSchema = pageOf(reminderSchema).meta({ id: 'ReminderPage' });

export async function remindersRoutes(app: FastifyInstance) {
  const service = createRemindersService(app);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/reminders', {
    config: { access: 'user' },
    schema: {
      tags: ['reminders'],
      summary: "A day's reminders in your time zone, each with its call; today includes the overdue undone ones",
      description:
        'Ordered by your remindersOrder setting (time, or priority then time). `priority` takes several values like `status` on /calls.',
      querystring: reminderListQuerySchema,
      response: { 200: reminderPageSchema, ...problems },
    },
    handler: async (request) => service.list(authOf(request).userId, request.query),
  });

  r.get('/reminders/:id', {
    config: { access: 'user' },
    schema: {
      tags: ['reminders'],
      summary: 'One reminder with its call; ETag for If-Match',
      params: idParamsSchema,
      response: { 200: reminderSchema, ...problems },
    },
    handler: async (request, reply) => {
      const reminder = await service.get(authOf(request).userId, request.params.id);
      setEtag(reply, reminder.version);
      return reminder;
    },
  });

  r.post('/reminders', {
    config: { access: 'user' },
    schema: {
      tags: ['reminders'],
      summary: 'Schedule a reminder on one of your calls (a time in the past needs allowPast: true)',
      body: reminderCreateSchema,
      response: { 201: reminderSchema, ...problems },
    },
    handler: async (request, reply) => {
      const reminder = await service.create(authOf(request).userId, request.body);
      setEtag(reply, reminder.version);
      return reply.code(201).send(reminder);
    },
  });

  r.patch('/reminders/:id', {
    config: { access: 'user' },
    schema: {
      tags: ['reminders'],
      summary: 'Mark done (logs an attempt), reopen, reschedule, change priority or note',
      params: idParamsSchema,
      body: reminderPatchSchema,
      response: { 200: reminderSchema, ...writeProblems },
    },
    handler: async (request, reply) => {
      const reminder = await service.update(
        authOf(request).userId,
        request.params.id,
        request.body,
        ifMatchOf(request),
      );
      setEtag(reply, reminder.version);
      return reminder;
    },
  });

  r.post('/reminders/:id/snooze', {
    config: { access: 'user' },
    schema: {
      tags: ['reminders'],
      summary: 'Snooze: 10m, 1h, tomorrow (at your default slot) or next_working_day',
      params: idParamsSchema,
      body: reminderSnoozeSchema,
      response: { 200: reminderSchema, ...writeProblems },
    },
    handler: async (request, reply) => {
      const reminder = await service.snooze(
        authOf(request).userId,
        request.params.id,
        request.body.preset,
        ifMatchOf(request),
      );
      setEtag(reply, reminder.version);
      return reminder;
    },
  });

  r.delete('/reminders/:id', {
    config: { access: 'user' },
    schema: {
      tags: ['reminders'],
      summary: 'Delete a reminder',
      params: idParamsSchema,
      response: { 204: z.null().describe('Deleted'), ...writeProblems },
    },
    handler: async (request, reply) => {
      await service.remove(authOf(request).userId, request.params.id, ifMatchOf(request), requestContext(request));
      return reply.code(204).send(null);
    },
  });
}
