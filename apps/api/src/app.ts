import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { Database } from '@ct/db';
import type { Env } from './env.ts';
import { systemClock, type Clock } from './lib/clock.ts';
import { EventBus } from './lib/events.ts';
import { serializerCompiler } from './lib/response-serializer.ts';
import { errorForLog, REDACT_PATHS } from './lib/log-redaction.ts';
import { errorsPlugin, sendProblem } from './plugins/errors.ts';
import { unreadBodyPlugin } from './plugins/unread-body.ts';
import { securityPlugin } from './plugins/security.ts';
import { databasePlugin } from './plugins/database.ts';
import { authPlugin } from './plugins/auth.ts';
import { csrfPlugin } from './plugins/csrf.ts';
import { rateLimitPlugin } from './plugins/rate-limit.ts';
import { swaggerPlugin } from './plugins/swagger.ts';
import { healthRoutes } from './modules/health/index.ts';
import { authRoutes } from './modules/auth/index.ts';
import { mfaModule } from './modules/mfa/index.ts';
import { meRoutes } from './modules/me/index.ts';
import { settingsRoutes } from './modules/settings/index.ts';
import { adminRoutes } from './modules/admin/index.ts';
import { callsRoutes, exportRoutes, remindersRoutes } from './modules/calls/index.ts';
import { importsRoutes } from './modules/imports/index.ts';
import { notificationsModule } from './modules/notifications/index.ts';
import { jobsPlugin } from './jobs/jobs.plugin.ts';
import { reportsRoutes } from './modules/reports/index.ts';
import { teamsRoutes } from './modules/teams/index.ts';
import { listsRoutes } from './modules/lists/index.ts';
import './types.ts';

export interface BuildAppOptions {
  env: Env;
  database: Database;
  /** Close the database with the app (the server does; tests sharing one database do not). */
  ownsDatabase?: boolean;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Log settings: no cookies, tokens, passwords, query strings or SQL parameters (phone numbers…). */
export function loggerOptions(env: Env): FastifyServerOptions['logger'] {
  if (env.LOG_LEVEL === 'silent') return false;
  return {
    level: env.LOG_LEVEL,
    redact: {
      paths: REDACT_PATHS,
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: req.url.split('?')[0], id: req.id }),
      err: (err: Error) => errorForLog(err),
    },
  };
}

/**
 * The request log: one line per request, when it completes, with the request (method, path, id), the
 * status and the time. Fastify's default also writes an "incoming request" line, repeating method
 * and path: a second synchronous write per request (docs/performance.md). Other lines (errors, 404,
 * shutdown) are Fastify's.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest() {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    if (this.isLogDisabled(request)) return;
    const line = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}

/**
 * The composition root. Plugins are registered in a fixed order — each step relies on the ones
 * above it — then the feature modules.
 */
export async function buildApp(options: BuildAppOptions) {
  const { env } = options;
  const app = Fastify({
    logger: options.logger ?? loggerOptions(env),
    // X-Forwarded-For is believed only from the configured proxies (the web app's server by default).
    trustProxy: env.TRUST_PROXY ? env.TRUST_PROXY.split(',').map((s) => s.trim()) : false,
    bodyLimit: 1024 * 1024,
    // false: Fastify would otherwise take any x-request-id verbatim and skip genReqId; genReqId reads the
    // header itself and keeps it only when well-formed (it ends up in logs and audit rows).
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    logController: new OneLinePerRequest(),
    // Graceful shutdown: requests in flight finish, new ones get 503, idle keep-alives are dropped.
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
    // The router's own refusals (a malformed %-escape, a path parameter over 100 characters) are
    // problem+json like every other error, not Fastify's default JSON.
    frameworkErrors: (error, request, reply) => {
      void sendProblem(reply, request, 'bad_request', error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A path parameter is too long' : 'Malformed URL');
    },
  });

  // 1. Zod is the validator, the response schema (written by fast-json-stringify) and, through
  //    swagger, the documentation.
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // 2. JSON only: a text/plain body is a CSRF "simple request" we refuse with 415.
  app.removeContentTypeParser('text/plain');
  // 3. Shared services.
  app.decorate('env', env);
  app.decorate('clock', options.clock ?? systemClock);
  app.decorate('events', new EventBus((err, event) => app.log.error({ err, event }, 'event subscriber failed')));
  // 4. Errors as problem+json (an early answer drains the unread body instead of resetting the
  //    connection); 5. security headers; 6. database.
  await app.register(errorsPlugin);
  await app.register(unreadBodyPlugin);
  await app.register(securityPlugin);
  await app.register(databasePlugin, { database: options.database, ownsDatabase: options.ownsDatabase ?? false });
  // 7. Authentication (deny by default), then CSRF (needs the session), then rate limits.
  await app.register(authPlugin);
  await app.register(csrfPlugin);
  await app.register(rateLimitPlugin);
  // 8. OpenAPI document and docs UI, fed by every route registered below.
  await app.register(swaggerPlugin);

  // Feature modules.
  await app.register(healthRoutes);
  // Before auth: the sign-in route asks it whether an account needs a second step.
  await app.register(mfaModule);
  await app.register(authRoutes);
  await app.register(meRoutes);
  await app.register(settingsRoutes);
  await app.register(adminRoutes);
  await app.register(callsRoutes);
  await app.register(remindersRoutes);
  await app.register(importsRoutes);
  await app.register(exportRoutes);
  await app.register(notificationsModule);
  await app.register(jobsPlugin);
  await app.register(reportsRoutes);
  await app.register(teamsRoutes);
  await app.register(listsRoutes);

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
