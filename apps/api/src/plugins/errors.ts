import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { PROBLEM_CONTENT_TYPE } from '@ct/contracts';
import { AppError, ERROR_CODES, type ErrorCode, type FieldError } from '../lib/errors.ts';

/** Database errors that mean "the database is not reachable right now" → 503, not 500. */
const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
// The last two: the database has been closed (shutting down, or a closed embedded PGlite) — still "try
// again later" for the client, never a 500.
const CONNECTION_MESSAGES =
  /terminat|Connection terminated|timeout exceeded|connection timeout|Query read timeout|not queryable|Client has encountered a connection error|canceling statement due to statement timeout|PGlite is closed|Cannot use a pool after calling end/i;

export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const candidate = e as { code?: unknown; message?: unknown; cause?: unknown };
    if (
      typeof candidate.code === 'string' &&
      (CONNECTION_ERROR_CODES.has(candidate.code) || candidate.code.startsWith('08'))
    )
      return true;
    if (typeof candidate.message === 'string' && CONNECTION_MESSAGES.test(candidate.message)) return true;
    e = candidate.cause;
  }
  return false;
}

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ErrorCode,
  detail?: string,
  errors?: FieldError[],
) {
  const { status, title } = ERROR_CODES[code];
  return reply
    .code(status)
    .type(PROBLEM_CONTENT_TYPE)
    .send({
      type: `urn:call-tracking:problem:${code}`,
      title,
      status,
      detail: detail ?? title,
      instance: request.url.split('?')[0],
      code,
      ...(errors ? { errors } : {}),
    });
}

/** Fastify's own error codes that are the client's fault. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad_request',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_VALIDATION: 'validation_failed',
  FST_ERR_RATE_LIMIT_EXCEEDED: 'rate_limited',
};

function zodPath(path: unknown, prefix: string): string {
  const parts = Array.isArray(path) ? path.map(String) : [];
  return [prefix, ...parts].filter(Boolean).join('.');
}

/** RFC 9457 problem+json for every error, with no stack, SQL or internals in the body. */
export const errorsPlugin = fp(async (app) => {
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, request, 'not_found', `No route for ${request.method} ${request.url.split('?')[0]}`),
  );

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error.headers) reply.headers(error.headers);
      return sendProblem(reply, request, error.code, error.message, error.errors);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const prefix = error.validationContext ?? '';
      const errors = error.validation.map((issue) => ({
        path: zodPath(
          issue.instancePath
            ? issue.instancePath.split('/').filter(Boolean)
            : (issue.params as { issue?: { path?: unknown } })?.issue?.path,
          prefix,
        ),
        message: issue.message ?? 'Invalid value',
      }));
      return sendProblem(
        reply,
        request,
        'validation_failed',
        `Invalid ${prefix || 'request'}: ${errors.map((e) => e.path).join(', ')}`,
        errors,
      );
    }
    const fastifyCode = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (fastifyCode) {
      if (fastifyCode === 'rate_limited') return sendProblem(reply, request, 'rate_limited', error.message);
      return sendProblem(reply, request, fastifyCode, error.message);
    }
    if (error.statusCode === 429) return sendProblem(reply, request, 'rate_limited', error.message);
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      reply.header('retry-after', '2');
      return sendProblem(reply, request, 'unavailable', 'The database is unavailable, try again shortly');
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema');
      return sendProblem(reply, request, 'internal', 'An unexpected error occurred');
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(
        reply,
        request,
        error.statusCode === 413
          ? 'payload_too_large'
          : error.statusCode === 415
            ? 'unsupported_media_type'
            : 'bad_request',
        error.message,
      );
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, request, 'internal', 'An unexpected error occurred');
  });
});
