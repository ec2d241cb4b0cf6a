import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import { recordAudit } from '../modules/audits/audit.repository.ts';
import { requestContext } from '../lib/request-context.ts';

/**
 * Rate limits are opt-in per route (`app.rateLimit(...)` hooks). The store is in memory, or Redis when
 * REDIS_URL is set so that several API instances share one budget. If Redis is down, requests are let
 * through (fail open, logged): a cache outage must not lock every user out.
 */
export const rateLimitPlugin = fp(async (app) => {
  const redis = app.env.REDIS_URL
    ? new Redis(app.env.REDIS_URL, { connectTimeout: 2_000, maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false })
    : undefined;
  redis?.on('error', (err) => app.log.warn({ err }, 'redis error'));

  await app.register(rateLimit, {
    global: false,
    ...(redis ? { redis, nameSpace: 'ct-rl:', skipOnError: true } : {}),
    addHeadersOnExceeding: { 'x-ratelimit-limit': true, 'x-ratelimit-remaining': true, 'x-ratelimit-reset': true },
    addHeaders: { 'x-ratelimit-limit': true, 'x-ratelimit-remaining': true, 'x-ratelimit-reset': true, 'retry-after': true },
    errorResponseBuilder: (_request, context) => {
      const error = new Error(`Too many requests, retry in ${Math.ceil(context.ttl / 1000)} s`) as Error & { statusCode: number; code: string };
      error.statusCode = 429;
      error.code = 'FST_ERR_RATE_LIMIT_EXCEEDED';
      return error;
    },
    onExceeded: (request, key) => {
      const auth = request.auth;
      recordAudit(app.db, { actorId: auth?.userId ?? null, action: 'excess_rate_limit_exceeded', targetType: 'route', targetId: `${request.method} ${request.routeOptions.url}`, outcome: 'failure', meta: { key: key.split(':').slice(0, 2).join(':') } }, requestContext(request)).catch((err: unknown) => request.log.warn({ err }, 'audit failed'));
    },
  });

  if (redis) app.addHook('onClose', async () => void (await redis.quit().catch(() => {})));
});
