import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { PROBLEM_CONTENT_TYPE } from '@ct/contracts';

/** The OpenAPI document comes from the route schemas themselves: served at /openapi.json, UI at /docs. */
export const swaggerPlugin = fp(async (app) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Call Tracking API',
        version: '1.0.0',
        description:
          'Cookie-authenticated JSON API. Unsafe methods need the `x-csrf-token` header (value of the `csrf_token` cookie). Errors are RFC 9457 problem+json.',
      },
      components: {
        securitySchemes: {
          cookieAuth: { type: 'apiKey', in: 'cookie', name: app.tokens.cookieNames.access },
          csrfToken: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: (input) => {
      const result = jsonSchemaTransform(input);
      const access = input.route.config?.access;
      if (access === 'user' || access === 'admin') {
        const unsafe = !['GET', 'HEAD'].includes(String(input.route.method));
        (result.schema as Record<string, unknown>).security = [
          unsafe ? { cookieAuth: [], csrfToken: [] } : { cookieAuth: [] },
        ];
      }
      declareProblemResponses(result.schema as { response?: Record<string, unknown> });
      return result;
    },
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
});

/**
 * Error responses are sent as application/problem+json (plugins/errors.ts); say so in the document
 * rather than the default application/json. Only the OpenAPI output changes, not the serializer.
 */
function declareProblemResponses(schema: { response?: Record<string, unknown> }) {
  for (const [status, body] of Object.entries(schema.response ?? {})) {
    if (Number(status) < 400 || !body || typeof body !== 'object' || 'content' in body) continue;
    schema.response![status] = {
      description: 'Problem details (RFC 9457)',
      content: { [PROBLEM_CONTENT_TYPE]: { schema: body } },
    };
  }
}
