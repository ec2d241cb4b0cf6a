import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext, listenOnLoopback } from '../helpers/app.ts';
import { Agent } from '../helpers/client.ts';
import { rows } from '../helpers/db-state.ts';
import { createUser } from '../helpers/factories.ts';
import { multipart } from '../imports/helpers.ts';
import type { JsonSchema } from './fuzz-arbitraries.ts';
import { fuzzOperation, type FuzzRequest, type Operation } from './fuzz-requests.ts';
import { CAST_NOW, createCast, type Cast } from './principals.ts';

/**
 * IN-01 and friends: requests generated for every route from its OpenAPI description (valid,
 * boundary and hostile values; duplicated and unknown query parameters; broken bodies) must never
 * get a 5xx; a 4xx is problem+json without internals and writes no row; a 2xx matches its declared
 * schema. FUZZ_RUNS sets the random runs per route (default small, for CI); FUZZ_STATS=1 prints the
 * statuses each route answered (how far the runs got).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 8);
const routes = Object.keys(
  (JSON.parse(readFileSync(new URL('./authz-matrix.json', import.meta.url), 'utf8')) as { routes: object }).routes,
);

interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> };
}

/** No stack frames, file paths, SQL or driver names in an error body. */
const INTERNALS =
  /\bat \S+ \(|node_modules|\.ts:\d+|\bselect\b.*\bfrom\b|\binsert into\b|\bpostgres\b|\bpglite\b|drizzle|stack/i;
/** What a path traversal out of the docs' static folder would serve. */
const TRAVERSAL = /"workspaces"|root:x:0:0|DATABASE_URL/;

let t: TestContext;
let cast: Cast;
let doc: OpenApi;
let baseUrl = '';
let victimId = '';
let countRows: () => Promise<Record<string, number>>;
const validators = new Map<string, z.ZodType>();
const stats = new Map<string, Record<number, number>>();

beforeAll(async () => {
  t = await createTestApp({ now: CAST_NOW });
  cast = await createCast(t);
  victimId = (await createUser(t.database, { name: 'Victor Victim' })).id;
  doc = t.app.swagger() as unknown as OpenApi;
  // Audit rows are written on purpose for some refusals (login failures, 403s, rate limits).
  const tables = await rows<{ name: string }>(
    t.database,
    `select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'audits'`,
  );
  const countSql = `select ${tables.map((r) => `(select count(*) from "${r.name}") as "${r.name}"`).join(', ')}`;
  countRows = async () => {
    const [row] = await rows<Record<string, string | number>>(t.database, countSql);
    return Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, Number(v)]));
  };
  baseUrl = await listenOnLoopback(t.app);
});
afterAll(async () => {
  if (process.env.FUZZ_STATS)
    for (const [key, seen] of stats) process.stdout.write(`${key}: ${JSON.stringify(seen)}\n`);
  await t?.close();
});

const toOpenApiPath = (url: string) => url.replace(/:([A-Za-z_]+)/g, '{$1}');
const resolve = (schema: JsonSchema): JsonSchema =>
  schema.$ref ? resolve(doc.components.schemas[schema.$ref.split('/').pop()!]!) : schema;

/** Real ids for `format: uuid` values, matching the route, so that clean requests reach A's data. */
function idsFor(url: string, access: string): string[] {
  if (access === 'admin') return [victimId];
  if (url.startsWith('/reminders/')) return [cast.ids.reminder];
  if (url.startsWith('/imports/')) return [cast.ids.import];
  if (url.startsWith('/teams/')) return [cast.ids.team, cast.a.id];
  if (url.startsWith('/lists/')) return [cast.ids.list];
  if (url.startsWith('/reports/team')) return [cast.ids.team];
  if (url === '/calls/import') return [cast.ids.list];
  return [cast.ids.call];
}

function agentFor(access: string): { agent: Agent; cookies?: Record<string, string> } {
  if (access === 'user') return { agent: cast.agents.a };
  if (access === 'admin') return { agent: cast.agents.admin };
  // Session routes get made-up cookies: with a real session the fuzzer could sign A out.
  if (access === 'session')
    return {
      agent: new Agent(t.app),
      cookies: { ct_at: 'eyJhbGciOiJub25lIn0.e30.', ct_rt: "x'; --", csrf_token: 'garbage' },
    };
  return { agent: new Agent(t.app) };
}

async function send(
  method: string,
  access: string,
  req: FuzzRequest,
): Promise<{ status: number; type: string; text: string }> {
  const { agent, cookies } = agentFor(access);
  if (req.url.startsWith('/me/notifications/stream')) return sendStream(agent, req);
  const b = req.body;
  let payload: InjectOptions['payload'] | undefined;
  let contentType: Record<string, string> = {};
  if (b && 'csv' in b) {
    const form = multipart(Buffer.from(b.csv, 'utf8'), 'fuzz.csv', b.fields);
    payload = form.payload;
    contentType = form.headers;
  } else if (b && 'raw' in b) {
    payload = b.raw;
    contentType = { 'content-type': b.contentType };
  } else if (b) {
    payload = JSON.stringify(b.json);
    contentType = { 'content-type': 'application/json' };
  }
  const res = await agent.request({
    method: method as InjectOptions['method'],
    url: req.url,
    // A spoiled content-type header wins over the body's own.
    headers: { ...contentType, ...req.headers },
    ...(cookies ? { cookies } : {}),
    ...(payload === undefined ? {} : { payload }),
  });
  return { status: res.statusCode, type: String(res.headers['content-type'] ?? ''), text: res.body };
}

/** The live stream over real HTTP (under inject it never ends): the status and headers, then hang up. */
async function sendStream(agent: Agent, req: FuzzRequest) {
  const controller = new AbortController();
  const cookie = Object.entries(agent.cookies)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
  const res = await fetch(`${baseUrl}${req.url}`, { headers: { ...req.headers, cookie }, signal: controller.signal });
  const type = res.headers.get('content-type') ?? '';
  const text = res.status === 200 ? '' : await res.text();
  controller.abort();
  return { status: res.status, type, text };
}

/** The declared schema of a JSON answer, as zod (from the OpenAPI document, not from the app's own zod). */
function validatorFor(key: string, op: Operation, status: number): z.ZodType | undefined {
  const schema = op.responses[String(status)]?.content?.['application/json']?.schema;
  if (!schema) return undefined;
  const id = `${key} ${status}`;
  if (!validators.has(id)) {
    const rewrite = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(rewrite)
        : value && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value).map(([k, v]) => [
                k,
                k === '$ref' && typeof v === 'string' ? v.replace('#/components/schemas/', '#/$defs/') : rewrite(v),
              ]),
            )
          : value;
    validators.set(
      id,
      z.fromJSONSchema({ ...(rewrite(schema) as object), $defs: rewrite(doc.components.schemas) } as never),
    );
  }
  return validators.get(id);
}

/** Throws (with a short message) when the answer breaks one of the rules. */
async function check(
  key: string,
  op: Operation,
  method: string,
  url: string,
  req: FuzzRequest,
  before: Record<string, number>,
  res: { status: number; type: string; text: string },
) {
  const where = `${method} ${req.url.slice(0, 200)} → ${res.status}`;
  // Node's HTTP parser refuses a request head over 16 kB before the app sees it (real HTTP only).
  if (res.status === 431 && req.url.length > 8_000) return;
  if (res.status >= 500) throw new Error(`${where}: server error ${res.text.slice(0, 300)}`);
  if (res.status >= 400) {
    if (!/^application\/problem\+json/.test(res.type))
      throw new Error(`${where}: not problem+json (${res.type}) ${res.text.slice(0, 200)}`);
    const { instance: _echo, ...problem } = JSON.parse(res.text) as Record<string, unknown>;
    if (
      problem.status !== res.status ||
      typeof problem.title !== 'string' ||
      typeof problem.type !== 'string' ||
      typeof problem.detail !== 'string'
    ) {
      throw new Error(`${where}: malformed problem ${res.text.slice(0, 300)}`);
    }
    let shown = JSON.stringify(problem);
    for (const text of req.sent) shown = shown.split(text).join('');
    if (INTERNALS.test(shown)) throw new Error(`${where}: internals in ${shown.slice(0, 300)}`);
    const after = await countRows();
    const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
    if (changed.length) throw new Error(`${where}: rows written on a 4xx (${changed.join(', ')})`);
    return;
  }
  if (TRAVERSAL.test(res.text)) throw new Error(`${where}: served a file outside its folder`);
  if (/json/.test(res.type) && !url.startsWith('/docs') && url !== '/openapi.json') {
    const validator = validatorFor(key, op, res.status);
    if (!validator) throw new Error(`${where}: no declared JSON schema for this status`);
    const parsed = validator.safeParse(JSON.parse(res.text));
    if (!parsed.success)
      throw new Error(`${where}: response does not match its schema: ${parsed.error.message.slice(0, 500)}`);
  }
}

/** The request, its long strings cut (for failure messages). */
function show(req: FuzzRequest): string {
  return JSON.stringify({ ...req, sent: undefined }, (_k, v: unknown) =>
    typeof v === 'string' && v.length > 120 ? `${v.slice(0, 120)}…(${v.length} chars)` : v,
  );
}

describe('fuzzing every route from its OpenAPI schema', () => {
  it('covers every route of the inventory', () => {
    expect(t.app.routeInventory.map((r) => `${r.method} ${r.url}`).sort()).toEqual([...routes].sort());
  });

  for (const key of routes) {
    it(
      `${key}: never a 5xx; a 4xx is a clean problem and writes nothing; a 2xx matches its schema`,
      { timeout: 180_000 + RUNS * 5_000 },
      async () => {
        const [method, url] = key.split(' ') as [string, string];
        const access = t.app.routeInventory.find((r) => `${r.method} ${r.url}` === key)!.access;
        const op = doc.paths[toOpenApiPath(url)]?.[method.toLowerCase()] ?? { responses: {} };
        const { arbitrary, examples } = fuzzOperation(method, url, op, { resolve, ids: idsFor(url, access) });
        const result = await fc.check(
          fc.asyncProperty(arbitrary, async (req) => {
            const before = await countRows();
            const res = await send(method, access, req);
            const seen = stats.get(key) ?? {};
            stats.set(key, { ...seen, [res.status]: (seen[res.status] ?? 0) + 1 });
            try {
              await check(key, op, method, url, req, before, res);
            } catch (err) {
              throw new Error(`${(err as Error).message}\nrequest: ${show(req)}`);
            }
          }),
          // The examples (each free-text slot with a NUL byte, then with a lone surrogate and
          // metacharacters) run first, every time; then RUNS random requests. No shrinking: the
          // failing request is reported as drawn.
          // FUZZ_SEED replays a reported failure.
          {
            numRuns: RUNS + examples.length,
            examples: examples.map((e): [FuzzRequest] => [e]),
            endOnFailure: true,
            ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}),
          },
        );
        if (result.failed) {
          const message = String((result.errorInstance as Error | undefined)?.message ?? result.errorInstance);
          throw new Error(`${message.slice(0, 1500)}\n(seed ${result.seed}, after ${result.numRuns} runs)`);
        }
      },
    );
  }
});

describe('what the fuzzing found (regressions)', () => {
  const expectProblem = (
    res: { statusCode: number; headers: Record<string, unknown>; body: string },
    status: number,
  ) => {
    expect(res.statusCode, res.body).toBe(status);
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  };

  it('answers 400, not 500, to text with a NUL byte (PostgreSQL cannot store it)', async () => {
    expectProblem(await cast.agents.a.post('/calls', { firstName: 'a\u0000b', phone: '06 12 34 56 78' }), 400);
    expectProblem(await cast.agents.a.get(`/calls?q=${encodeURIComponent('a\u0000b')}`), 400);
  });

  it('answers 400, not 500, to a multipart import whose boundary is missing or wrong', async () => {
    const form = multipart(Buffer.from('Téléphone\r\n06 12 34 56 78\r\n'), 'x.csv');
    for (const type of ['multipart/form-data', 'multipart/form-data; boundary=nope']) {
      expectProblem(
        await cast.agents.a.request({
          method: 'POST',
          url: '/calls/import',
          payload: form.payload,
          headers: { 'content-type': type },
        }),
        400,
      );
    }
  });

  it('answers a path parameter over 100 characters with a 400 problem, not the router’s plain JSON', async () => {
    expectProblem(await cast.agents.a.get(`/calls/${'x'.repeat(101)}`), 400);
  });
});
