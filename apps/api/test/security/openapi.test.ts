import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.ts';

interface Operation {
  summary?: string;
  description?: string;
  requestBody?: { content: Record<string, { schema: unknown }> };
  parameters?: { in: string; name: string }[];
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
  security?: unknown[];
}
type Document = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};

const toOpenApiPath = (url: string) => url.replace(/:([A-Za-z_]+)/g, '{$1}');
const isDocsUi = (url: string) => url === '/docs' || url.startsWith('/docs/');

describe('GET /openapi.json', () => {
  let t: TestContext;
  let doc: Document;
  beforeAll(async () => {
    t = await createTestApp();
    const res = await t.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    doc = res.json<Document>();
  });
  afterAll(() => t.close());

  const documented = () => t.app.routeInventory.filter((r) => !isDocsUi(r.url) && r.url !== '/openapi.json');

  it('is an OpenAPI 3.1 document with the shared schemas as components', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Problem', 'User', 'Session']));
  });

  it('lists every route of the inventory with a summary, a success response and problem+json error responses', () => {
    for (const route of documented()) {
      const where = `${route.method} ${route.url}`;
      const op = doc.paths[toOpenApiPath(route.url)]?.[route.method.toLowerCase()];
      expect(op, where).toBeDefined();
      expect(op!.summary, where).toBeTruthy();
      const statuses = Object.keys(op!.responses);
      // A streamed or file answer (SSE, CSV) may describe its non-JSON body in prose instead.
      const describesMedia = /text\/event-stream|text\/csv/.test(op!.description ?? '');
      expect(statuses.some((s) => s.startsWith('2')) || describesMedia, `${where} has no 2xx response`).toBe(true);
      expect(
        statuses.some((s) => Number(s) >= 400),
        `${where} declares no error response`,
      ).toBe(true);
      for (const status of statuses.filter((s) => Number(s) >= 400)) {
        expect(Object.keys(op!.responses[status]!.content ?? {}), `${where} ${status}`).toEqual([
          'application/problem+json',
        ]);
      }
      if (route.access === 'user' || route.access === 'admin') expect(op!.security, where).toBeDefined();
    }
  });

  it('declares path parameters, query strings and request bodies', () => {
    for (const route of documented().filter((r) => r.url.includes(':'))) {
      const op = doc.paths[toOpenApiPath(route.url)]![route.method.toLowerCase()]!;
      const names = [...route.url.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1]);
      expect(
        op.parameters?.filter((p) => p.in === 'path').map((p) => p.name),
        `${route.method} ${route.url}`,
      ).toEqual(expect.arrayContaining(names));
    }
    expect(doc.paths['/auth/login']!.post!.requestBody!.content['application/json']).toBeDefined();
    expect(doc.paths['/me']!.patch!.requestBody!.content['application/json']).toBeDefined();
    expect(doc.paths['/admin/users']!.get!.parameters!.map((p) => p.name)).toEqual(
      expect.arrayContaining(['page', 'pageSize', 'q']),
    );
  });

  it('serves the interactive docs at /docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs' });
    expect([200, 302]).toContain(res.statusCode);
  });
});
