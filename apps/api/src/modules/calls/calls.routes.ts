import type { FastifyInstance } from 'fastify';
import { RESTORE_WINDOW_DAYS } from '@ct/contracts/constants';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  callCreateSchema,
  callDetailSchema,
  callListQuerySchema,
  callLogResultSchema,
  callLogSchema,
  callPageSchema,
  callPatchSchema,
  callSchema,
  idParamsSchema,
  problemSchema,
} from '@ct/contracts';
import { z } from 'zod';
import { requestContext } from '../../lib/request-context.ts';
import { authOf } from '../../plugins/auth.ts';
import { createCallsService } from './calls.service.ts';
import { ifMatchOf, setEtag } from '../../lib/etag.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const writeProblems = { ...problems, 409: problemSchema, 412: problemSchema };

export async function callsRoutes(app: FastifyInstance) {
  const service = createCallsService(app);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/calls', {
    config: { access: 'user' },
    schema: {
      tags: ['calls'],
      summary: 'List calls',
      description:
        '`status` and `type` take several values, repeated (`status=a&status=b`) or comma-separated (`status=a,b`). `from`/`to` filter `dateField`; a date is a whole day in your time zone, `to` included. `sort` is `field:asc|desc`.',
      querystring: callListQuerySchema,
      response: { 200: callPageSchema, ...problems },
    },
    handler: async (request) => service.list(authOf(request).userId, request.query),
  });

  r.get('/calls/:id', {
    config: { access: 'user' },
    schema: {
      tags: ['calls'],
      summary: 'One call with its history (newest first) and open reminders; ETag for If-Match',
      params: idParamsSchema,
      response: { 200: callDetailSchema, ...problems },
    },
    handler: async (request, reply) => {
      const call = await service.get(authOf(request).userId, request.params.id);
      setEtag(reply, call.version);
      return call;
    },
  });

  r.post('/calls', {
    config: { access: 'user' },
    schema: {
      tags: ['calls'],
      summary: 'Create a call (contact to call); the phone is kept as typed and normalised to E.164',
      body: callCreateSchema,
      response: { 201: callSchema, ...problems },
    },
    handler: async (request, reply) => {
      const call = await service.create(authOf(request).userId, request.body);
      setEtag(reply, call.version);
      return reply.code(201).send(call);
    },
  });

  r.patch('/calls/:id', {
    config: { access: 'user' },
    schema: {
      tags: ['calls'],
      summary: 'Edit a call; a stale If-Match answers 412 and changes nothing',
      params: idParamsSchema,
      body: callPatchSchema,
      response: { 200: callSchema, ...writeProblems },
    },
    handler: async (request, reply) => {
      const call = await service.update(
        authOf(request).userId,
        request.params.id,
        request.body,
        ifMatchOf(request),
        requestContext(request),
      );
      setEtag(reply, call.version);
      return call;
    },
  });

  r.delete('/calls/:id', {
    config: { access: 'user' },
    schema: {
      tags: ['calls'],
      summary: `Delete a call (restorable for ${RESTORE_WINDOW_DAYS} days); closes its open reminders`,
      params: idParamsSchema,
      response: { 204: z.null().describe('Deleted'), ...writeProblems },
    },
    handler: async (request, reply) => {
      await service.remove(authOf(request).userId, request.params.id, ifMatchOf(request), requestContext(request));
      return reply.code(204).send(null);
    },
  });

  r.post('/calls/:id/restore', {
    config: { access: 'user' },
    schema: {
      tags: ['calls'],
      summary: `Restore a call deleted less than ${RESTORE_WINDOW_DAYS} days ago, with the reminders its deletion closed`,
      params: idParamsSchema,
      response: { 200: callSchema, ...writeProblems },
    },
    handler: async (request, reply) => {
      const call = await service.restore(authOf(request).userId, request.params.id, requestContext(request));
      setEtag(reply, call.version);
      return call;
    },
  });

  r.post('/calls/:id/log', {
    config: { access: 'user' },
    schema: {
      tags: ['calls'],
      summary: 'Log a call attempt: history entry, status, attempt count and the callback reminder, in one transaction',
      params: idParamsSchema,
      body: callLogSchema,
      response: { 201: callLogResultSchema, ...writeProblems },
    },
    handler: async (request, reply) => {
      const result = await service.log(authOf(request).userId, request.params.id, request.body, ifMatchOf(request));
      setEtag(reply, result.call.version);
      return reply.code(201).send(result);
    },
  });
}
