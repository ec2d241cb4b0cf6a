import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AUDIT_ACTIONS,
  AUDIT_OUTCOMES,
  adminUserCreateSchema,
  adminUserPatchSchema,
  adminUserSchema,
  auditSchema,
  idParamsSchema,
  instantInputSchema,
  pageOf,
  pageQuerySchema,
  problemSchema,
} from '@ct/contracts';
import { requestContext } from '../../lib/request-context.ts';
import { authOf } from '../../plugins/auth.ts';
import { mapAdminUser } from '../users/index.ts';
import { listAudits } from '../audits/index.ts';
import { createAdminService } from './admin.service.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };

export async function adminRoutes(app: FastifyInstance) {
  const service = createAdminService(app);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/admin/users', {
    config: { access: 'admin' },
    schema: {
      tags: ['admin'],
      summary: 'List users',
      querystring: pageQuerySchema.extend({ q: z.string().trim().max(200).optional() }),
      response: { 200: pageOf(adminUserSchema), ...problems },
    },
    handler: async (request) => {
      const { q, page, pageSize } = request.query;
      const { rows, total } = await service.list(q, page, pageSize);
      return { items: rows.map(mapAdminUser), page, pageSize, total };
    },
  });

  r.post('/admin/users', {
    config: { access: 'admin' },
    schema: {
      tags: ['admin'],
      summary: 'Create a user',
      description:
        'The initial password goes through the password policy: 400 `validation_failed` (under 8 or over 256 characters), `password_too_common`, `password_contextual` (mostly the app name, or the email or name given here), `password_control_chars`, each with an `errors[]` entry on `body.password`. 409 `email_taken` for an email already in use (whatever its case).',
      body: adminUserCreateSchema,
      response: { 201: adminUserSchema, ...problems },
    },
    handler: async (request, reply) => {
      const user = await service.create(authOf(request).userId, request.body, requestContext(request));
      return reply.code(201).send(mapAdminUser(user));
    },
  });

  r.patch('/admin/users/:id', {
    config: { access: 'admin' },
    schema: {
      tags: ['admin'],
      summary: "Change a user's role, name or disabled flag (revokes their sessions)",
      params: idParamsSchema,
      body: adminUserPatchSchema,
      response: { 200: adminUserSchema, ...problems },
    },
    handler: async (request) =>
      mapAdminUser(
        await service.update(authOf(request).userId, request.params.id, request.body, requestContext(request)),
      ),
  });

  r.post('/admin/users/:id/mfa/reset', {
    config: { access: 'admin' },
    schema: {
      tags: ['admin'],
      summary: "Reset a user's two-factor authentication (revokes their sessions)",
      description:
        "For a user who lost both the authenticator and every recovery code: the TOTP secret, the recovery codes and any sign-in waiting for a code are deleted, every session of the user is revoked, and the action is audited (`user_mfa_reset`). The user then signs in with the password alone and may enrol again. 404 for an unknown user; 409 `mfa_not_enabled` when 2FA is off, and 409 `mfa_reset_self` for the admin's own account (use POST /me/mfa/disable).",
      params: idParamsSchema,
      response: { 200: adminUserSchema, ...problems },
    },
    handler: async (request) =>
      mapAdminUser(await service.resetMfa(authOf(request).userId, request.params.id, requestContext(request))),
  });

  r.get('/admin/audits', {
    config: { access: 'admin' },
    schema: {
      tags: ['admin'],
      summary: 'The audit log, newest first',
      querystring: pageQuerySchema.extend({
        action: z.enum(AUDIT_ACTIONS).optional(),
        actorId: z.uuid().optional(),
        outcome: z.enum(AUDIT_OUTCOMES).optional(),
        from: instantInputSchema.optional(),
        to: instantInputSchema.optional(),
      }),
      response: { 200: pageOf(auditSchema), ...problems },
    },
    handler: async (request) => {
      const q = request.query;
      const { rows, total } = await listAudits(app.db, {
        ...q,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
      });
      return {
        items: rows.map(({ audit, actorEmail }) => ({
          id: audit.id,
          actorId: audit.actorId,
          actorEmail,
          action: audit.action,
          targetType: audit.targetType,
          targetId: audit.targetId,
          outcome: audit.outcome,
          ip: audit.ip,
          userAgent: audit.userAgent,
          requestId: audit.requestId,
          meta: audit.meta,
          createdAt: audit.createdAt.toISOString(),
        })),
        page: q.page,
        pageSize: q.pageSize,
        total,
      };
    },
  });
}
