import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../modules/audits/audit.repository.ts';

export function requestContext(request: FastifyRequest): RequestContext {
  const ua = request.headers['user-agent'];
  return { ip: request.ip ?? null, userAgent: typeof ua === 'string' ? ua : null, requestId: request.id };
}
