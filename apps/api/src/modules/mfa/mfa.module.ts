import fp from 'fastify-plugin';
import { mfaRoutes } from './mfa.routes.ts';
import { createMfaService, type MfaService } from './mfa.service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Two-factor authentication: the settings routes and the second sign-in step share it. */
    mfa: MfaService;
  }
}

/** Two-factor authentication (TOTP): the service, then the /me/mfa routes. */
export const mfaModule = fp(
  async (app) => {
    app.decorate('mfa', createMfaService(app));
    await app.register(mfaRoutes);
  },
  { name: 'mfa' },
);
