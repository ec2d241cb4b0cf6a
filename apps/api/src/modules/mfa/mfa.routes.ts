import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  mfaEnableBodySchema,
  mfaReauthBodySchema,
  mfaSetupBodySchema,
  mfaSetupSchema,
  mfaStatusSchema,
  problemSchema,
  recoveryCodesSchema,
} from '@ct/contracts';
import { requestContext } from '../../lib/request-context.ts';
import { authOf } from '../../plugins/auth.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 409: problemSchema, 429: problemSchema };
const throttledNote = 'Wrong passwords and codes are throttled per account and per IP (429 + Retry-After).';

/** Two-factor authentication settings of the signed-in user (decision 0025). */
export async function mfaRoutes(app: FastifyInstance) {
  const service = app.mfa;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/me/mfa', {
    config: { access: 'user' },
    schema: {
      tags: ['mfa'],
      summary: 'Whether two-factor authentication is on, and how many recovery codes are left',
      response: { 200: mfaStatusSchema, ...problems },
    },
    handler: async (request) => service.status(authOf(request).userId),
  });

  r.post('/me/mfa/setup', {
    config: { access: 'user' },
    schema: {
      tags: ['mfa'],
      summary: 'Start enrolling an authenticator app (needs the password)',
      description: `Returns a new TOTP secret, its otpauth:// URI and that URI as an SVG QR code — the only time the secret is ever sent. Confirm with POST /me/mfa/enable within 15 minutes; a new setup replaces an unconfirmed one. 409 when 2FA is already on. ${throttledNote}`,
      body: mfaSetupBodySchema,
      response: { 200: mfaSetupSchema, ...problems },
    },
    handler: async (request) =>
      service.startEnrolment(authOf(request).userId, request.body.password, requestContext(request)),
  });

  r.post('/me/mfa/enable', {
    config: { access: 'user' },
    schema: {
      tags: ['mfa'],
      summary: 'Turn two-factor authentication on with a first code from the app',
      description: `Answers the 10 single-use recovery codes, shown this once (only their hashes are kept). A wrong code → 403 wrong_mfa_code; no enrolment in progress (or older than 15 minutes) → 409 mfa_setup_missing. ${throttledNote}`,
      body: mfaEnableBodySchema,
      response: { 200: recoveryCodesSchema, ...problems },
    },
    handler: async (request) => ({
      recoveryCodes: await service.enable(authOf(request).userId, request.body.code, requestContext(request)),
    }),
  });

  r.post('/me/mfa/disable', {
    config: { access: 'user' },
    schema: {
      tags: ['mfa'],
      summary: 'Turn two-factor authentication off (needs the password and a code)',
      description: `The code is a current TOTP code or an unused recovery code. The secret and the recovery codes are deleted. ${throttledNote}`,
      body: mfaReauthBodySchema,
      response: { 204: z.null(), ...problems },
    },
    handler: async (request, reply) => {
      await service.disable(authOf(request).userId, request.body.password, request.body.code, requestContext(request));
      return reply.code(204).send(null);
    },
  });

  r.post('/me/mfa/recovery-codes', {
    config: { access: 'user' },
    schema: {
      tags: ['mfa'],
      summary: 'Replace the recovery codes (needs the password and a code)',
      description: `The earlier recovery codes stop working; the new ones are shown this once. ${throttledNote}`,
      body: mfaReauthBodySchema,
      response: { 200: recoveryCodesSchema, ...problems },
    },
    handler: async (request) => ({
      recoveryCodes: await service.regenerateRecoveryCodes(
        authOf(request).userId,
        request.body.password,
        request.body.code,
        requestContext(request),
      ),
    }),
  });
}
