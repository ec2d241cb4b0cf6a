import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  idParamsSchema,
  problemSchema,
  teamListAddCallsResultSchema,
  teamListAddCallsSchema,
  teamListAssignResultSchema,
  teamListAssignSchema,
  teamListCallParamsSchema,
  teamListClaimSchema,
  teamListNextSchema,
  teamListReleaseSchema,
  teamListCreateSchema,
  teamListDetailSchema,
  teamListPatchSchema,
  teamListQuerySchema,
  teamListSchema,
} from '@ct/contracts';
import { requestContext } from '../../lib/request-context.ts';
import { authOf } from '../../plugins/auth.ts';
import { mapCall } from '../calls/index.ts';
import { mapList, mapListDetail } from './lists.mapper.ts';
import { createListsService } from './lists.service.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };

export async function listsRoutes(app: FastifyInstance) {
  const service = createListsService(app);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/lists', {
    config: { access: 'user' },
    schema: {
      tags: ['lists'],
      summary: "The call lists of the caller's teams (an admin: every team), with how many calls remain",
      querystring: teamListQuerySchema,
      response: { 200: z.object({ items: z.array(teamListSchema) }), ...problems },
    },
    handler: async (request) => ({ items: (await service.list(authOf(request), request.query)).map(mapList) }),
  });

  r.post('/lists', {
    config: { access: 'user' },
    schema: {
      tags: ['lists'],
      summary: 'Create a call list on a team (a lead of the team or an admin)',
      description:
        '400 `validation_failed` on `teamId` for a team the caller is not in; 403 for a member who is not a lead; 409 `list_name_taken` when the team has a list of this name.',
      body: teamListCreateSchema,
      response: { 201: teamListDetailSchema, ...problems },
    },
    handler: async (request, reply) =>
      reply.code(201).send(mapListDetail(await service.create(authOf(request), request.body, requestContext(request)))),
  });

  r.get('/lists/:id', {
    config: { access: 'user' },
    schema: {
      tags: ['lists'],
      summary: 'One call list with its progress: total, remaining, done, by outcome, by member',
      params: idParamsSchema,
      response: { 200: teamListDetailSchema, ...problems },
    },
    handler: async (request) => mapListDetail(await service.get(authOf(request), request.params.id)),
  });

  r.patch('/lists/:id', {
    config: { access: 'user' },
    schema: {
      tags: ['lists'],
      summary: 'Rename a call list, change its cooldown or attempt cap, archive or restore it (a lead or an admin)',
      params: idParamsSchema,
      body: teamListPatchSchema,
      response: { 200: teamListDetailSchema, ...problems },
    },
    handler: async (request) =>
      mapListDetail(await service.update(authOf(request), request.params.id, request.body, requestContext(request))),
  });

  r.post('/lists/:id/calls', {
    config: { access: 'user' },
    schema: {
      tags: ['lists'],
      summary: 'Put calls on a list: your personal calls, or calls on another list of the same team',
      description:
        'All or nothing: 400 `validation_failed` with an `errors[]` entry per refused id (not yours, or on another team), and nothing moves. 409 `list_archived` on an archived list.',
      params: idParamsSchema,
      body: teamListAddCallsSchema,
      response: { 200: teamListAddCallsResultSchema, ...problems },
    },
    handler: async (request) =>
      service.addCalls(authOf(request), request.params.id, request.body.callIds, requestContext(request)),
  });

  r.delete('/lists/:id/calls/:callId', {
    config: { access: 'user' },
    schema: {
      tags: ['lists'],
      summary: "Take a call off the list: it becomes its owner's personal call again (a lead or an admin)",
      description:
        'Its assignee and any lease end; the open reminders other members held on it go to its owner, who alone sees it now. Audited. 404 for a call not on this list.',
      params: teamListCallParamsSchema,
      response: { 204: z.null(), ...problems },
    },
    handler: async (request, reply) => {
      await service.removeCall(authOf(request), request.params.id, request.params.callId, requestContext(request));
      return reply.code(204).send(null);
    },
  });

  r.post('/lists/:id/assign', {
    config: { access: 'user' },
    schema: {
      tags: ['lists'],
      summary: 'Assign calls of the list to a member of its team, or to anyone again (a lead or an admin)',
      description:
        'The queue hands an assigned call only to its assignee. All or nothing: 400 `validation_failed` for an id not on this list or an assignee outside the team, and nothing changes. Each change is audited (`call_assigned`).',
      params: idParamsSchema,
      body: teamListAssignSchema,
      response: { 200: teamListAssignResultSchema, ...problems },
    },
    handler: async (request) =>
      service.assign(
        authOf(request),
        request.params.id,
        request.body.callIds,
        request.body.assigneeId,
        requestContext(request),
      ),
  });

  r.post('/lists/:id/next', {
    config: { access: 'user' },
    schema: {
      tags: ['lists'],
      summary: 'Claim the next callable contact of a list (a lease no other caller gets while it lives)',
      description:
        'Answers the contact the caller already holds (a reload resumes it) unless it is in `exclude`, else the next one in the queue: due callbacks first, then contacts never called, then the oldest last call; skipped are contacts leased or assigned to someone else, closed, unreachable, at the attempt cap, called within the cooldown or with a callback set for later. 204 when nothing is callable now. 404 for a list of a team the caller is not in; 409 `list_archived`. Logging the call ends the lease; POST /lists/:id/release gives it back.',
      params: idParamsSchema,
      body: teamListNextSchema,
      response: { 200: teamListClaimSchema, 204: z.null(), ...problems },
    },
    handler: async (request, reply) => {
      const call = await service.next(authOf(request), request.params.id, request.body.exclude);
      if (!call) return reply.code(204).send(null);
      return { call: mapCall(call), lease: { expiresAt: call.leaseExpiresAt!.toISOString() } };
    },
  });

  r.post('/lists/:id/release', {
    config: { access: 'user' },
    schema: {
      tags: ['lists'],
      summary: 'Give a claimed contact back to the queue',
      description: '404 when the caller holds no lease on this call of this list.',
      params: idParamsSchema,
      body: teamListReleaseSchema,
      response: { 204: z.null(), ...problems },
    },
    handler: async (request, reply) => {
      await service.release(authOf(request), request.params.id, request.body.callId);
      return reply.code(204).send(null);
    },
  });
}
