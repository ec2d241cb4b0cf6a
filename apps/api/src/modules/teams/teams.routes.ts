import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  idParamsSchema,
  problemSchema,
  teamCandidateQuerySchema,
  teamCandidatesSchema,
  teamCreateSchema,
  teamMemberAddSchema,
  teamMemberParamsSchema,
  teamPatchSchema,
  teamSchema,
} from '@ct/contracts';
import { requestContext } from '../../lib/request-context.ts';
import { authOf } from '../../plugins/auth.ts';
import { mapTeam } from './teams.mapper.ts';
import { createTeamsService } from './teams.service.ts';

export const CANDIDATE_LOOKUP_RATE = { max: 60, timeWindow: 60_000 };

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };

export async function teamsRoutes(app: FastifyInstance) {
  const service = createTeamsService(app);
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Looking accounts up by e-mail tells whether one exists: a budget per user keeps it from being a sweep.
  const lookupLimit = app.rateLimit({
    ...CANDIDATE_LOOKUP_RATE,
    keyGenerator: (request) => `team-lookup:${request.auth?.userId ?? request.ip}`,
  });

  r.get('/teams', {
    config: { access: 'user' },
    schema: {
      tags: ['teams'],
      summary: 'The teams the caller is in (an admin: every team), with their members',
      response: { 200: z.object({ items: z.array(teamSchema) }), ...problems },
    },
    handler: async (request) => ({ items: (await service.list(authOf(request))).map(mapTeam) }),
  });

  r.post('/teams', {
    config: { access: 'admin' },
    schema: {
      tags: ['teams'],
      summary: 'Create a team (admin)',
      description: '409 `team_name_taken` when another team has this name, whatever its case.',
      body: teamCreateSchema,
      response: { 201: teamSchema, ...problems },
    },
    handler: async (request, reply) =>
      reply.code(201).send(mapTeam(await service.create(authOf(request), request.body.name, requestContext(request)))),
  });

  r.get('/teams/:id', {
    config: { access: 'user' },
    schema: {
      tags: ['teams'],
      summary: 'One team with its members (404 unless the caller is in it or an admin)',
      params: idParamsSchema,
      response: { 200: teamSchema, ...problems },
    },
    handler: async (request) => mapTeam(await service.get(authOf(request), request.params.id)),
  });

  r.patch('/teams/:id', {
    config: { access: 'user' },
    schema: {
      tags: ['teams'],
      summary: 'Rename a team (an admin, or a manager who leads it)',
      description: '403 for a member who may not manage the team; 409 `team_name_taken`.',
      params: idParamsSchema,
      body: teamPatchSchema,
      response: { 200: teamSchema, ...problems },
    },
    handler: async (request) =>
      mapTeam(await service.rename(authOf(request), request.params.id, request.body.name, requestContext(request))),
  });

  r.get('/teams/:id/candidates', {
    config: { access: 'user' },
    onRequest: lookupLimit,
    schema: {
      tags: ['teams'],
      summary: 'Find the account to add by its exact e-mail (an admin, or a manager who leads the team)',
      description:
        'Empty `items` when no active account has this e-mail or it is already in the team. There is no search by name: a manager sees no directory of accounts. 403 for a member who may not manage the team.',
      params: idParamsSchema,
      querystring: teamCandidateQuerySchema,
      response: { 200: teamCandidatesSchema, 429: problemSchema, ...problems },
    },
    handler: async (request) => ({
      items: await service.candidates(authOf(request), request.params.id, request.query.email),
    }),
  });

  r.post('/teams/:id/members', {
    config: { access: 'user' },
    schema: {
      tags: ['teams'],
      summary: "Add a member to a team, or change a member's role (an admin, or a manager who leads it)",
      description: '400 `validation_failed` on `userId` when no active account has this id.',
      params: idParamsSchema,
      body: teamMemberAddSchema,
      response: { 200: teamSchema, ...problems },
    },
    handler: async (request) =>
      mapTeam(
        await service.putMember(
          authOf(request),
          request.params.id,
          request.body.userId,
          request.body.role,
          requestContext(request),
        ),
      ),
  });

  r.delete('/teams/:id/members/:userId', {
    config: { access: 'user' },
    schema: {
      tags: ['teams'],
      summary: 'Remove a member from a team (an admin, or a manager who leads it)',
      params: teamMemberParamsSchema,
      response: { 204: z.null(), ...problems },
    },
    handler: async (request, reply) => {
      await service.removeMember(authOf(request), request.params.id, request.params.userId, requestContext(request));
      return reply.code(204).send(null);
    },
  });
}
