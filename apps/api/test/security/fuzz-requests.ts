import fc from 'fast-check';
import {
  asParam,
  boundaryFor,
  EDGE_DATES,
  edgeDatesFor,
  hostile,
  objectFor,
  validFor,
  type JsonSchema,
  type SchemaContext,
} from './fuzz-arbitraries.ts';

/**
 * Requests for one operation of the OpenAPI document. A clean request has every value valid (it
 * reaches the data); a dirty one is a clean request with exactly ONE slot spoiled — a path or query
 * parameter, a body field, the whole body, a duplicated or unknown parameter, a header — by a hostile
 * or boundary value, so that each spoiled value is what the server has to cope with.
 */
export interface Operation {
  parameters?: { in: string; name: string; schema: JsonSchema; required?: boolean }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
}

export interface FuzzRequest {
  url: string;
  headers: Record<string, string>;
  body?: { json: unknown } | { raw: string; contentType: string } | { csv: string; fields: Record<string, string> };
  /** Every text we put in the request: an echo of it in a problem is not a leak. */
  sent: string[];
}

interface Draft {
  path: Record<string, unknown>;
  star: string;
  query: [string, unknown][];
  body: FuzzRequest['body'];
  headers: Record<string, string>;
}

interface Slot {
  name: string;
  schema?: JsonSchema;
  /** The parameter or field name (some plain strings are dates by name: `range`). */
  field?: string;
  /** What to spoil it with (default: hostile and boundary values for its schema). */
  values?: fc.Arbitrary<unknown>;
  spoil(draft: Draft, value: unknown): Draft;
}

const STATIC_PATHS = [
  'swagger-ui.css',
  'index.html',
  '../../package.json',
  '..%2F..%2F..%2Fpackage.json',
  '%2e%2e/%2e%2e/%2e%2e/etc/passwd',
  '....//....//etc/passwd',
  '%00',
  'x'.repeat(5000),
];

const RAW_BODIES = [
  { raw: '{"email": ', contentType: 'application/json' },
  { raw: '', contentType: 'application/json' },
  { raw: '{"a":1}', contentType: 'text/plain' },
  { raw: '<x/>', contentType: 'application/xml' },
  { raw: '{"__proto__": {"admin": true}}', contentType: 'application/json' },
  { raw: '{"constructor": {"prototype": {"admin": true}}}', contentType: 'application/json' },
  { raw: `[${'['.repeat(5000)}${']'.repeat(5000)}]`, contentType: 'application/json' },
];

const HEADERS: Record<string, string[]> = {
  'if-match': ['*', 'W/"1"', '"abc"', 'W/"99999999999"', 'x'.repeat(2000)],
  'last-event-id': ['0', '-1', '1e3', '99999999999999999999', 'abc'],
  'x-request-id': ['short', 'x'.repeat(100), '../../etc', 'ok-request-id-123'],
  'idempotency-key': ['k1', 'x'.repeat(300), 'é'],
  'content-type': ['application/json; charset=latin1', 'multipart/form-data', 'application/x-www-form-urlencoded'],
};

/** The texts every string slot gets once, whatever the runs draw: the ones databases choke on. */
export const CRITICAL_STRINGS = ['nul\u0000byte', `lone\ud800 '; select 1; -- <b>&amp;</b> %_\\ 🙂 \u202e`];

export function fuzzOperation(method: string, url: string, op: Operation, ctx: SchemaContext) {
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const jsonSchema = op.requestBody?.content['application/json']?.schema;
  const bodySchema = jsonSchema ? ctx.resolve(jsonSchema) : undefined;
  const isMultipart = Boolean(op.requestBody?.content['multipart/form-data']);

  const clean: fc.Arbitrary<Draft> = fc.record({
    path: fc.record(Object.fromEntries(pathParams.map((p) => [p.name, validFor(p.schema, ctx, 0, p.name)]))),
    star: url.endsWith('*') ? fc.constantFrom(...STATIC_PATHS) : fc.constant(''),
    query: fc
      .tuple(
        ...queryParams.map((p) =>
          fc.option(
            validFor(p.schema, ctx, 0, p.name).map((v): [string, unknown] => [p.name, v]),
            { freq: 2 },
          ),
        ),
      )
      .map((pairs) => pairs.filter((p): p is [string, unknown] => p !== null)),
    body: bodySchema
      ? objectFor(bodySchema, ctx, 0, validFor, false).map((json) => ({ json }))
      : isMultipart
        ? csvBody()
        : fc.constant(undefined),
    headers: fc.constant({}),
  });

  const slots: Slot[] = [
    ...pathParams.map((p): Slot => ({
      name: `path ${p.name}`,
      schema: p.schema,
      spoil: (d, v) => ({ ...d, path: { ...d.path, [p.name]: v } }),
    })),
    ...queryParams.map((p): Slot => ({
      name: `query ${p.name}`,
      schema: p.schema,
      field: p.name,
      spoil: (d, v) => ({ ...d, query: [...d.query.filter(([k]) => k !== p.name), [p.name, v]] }),
    })),
    ...Object.entries(bodySchema?.properties ?? {}).map(([k, schema]): Slot => ({
      name: `body ${k}`,
      schema,
      field: k,
      spoil: (d, v) => ({ ...d, body: { json: withKey((d.body as { json: object } | undefined)?.json ?? {}, k, v) } }),
    })),
    // Dates one object down (the reminder of a logged call): spoiled in place, the object kept.
    ...nestedDateFields(bodySchema, ctx).map(([outer, inner, schema]): Slot => ({
      name: `body ${outer}.${inner}`,
      schema,
      field: inner,
      spoil: (d, v) => {
        const json = (d.body as { json?: Record<string, unknown> } | undefined)?.json ?? {};
        const nested = json[outer] && typeof json[outer] === 'object' ? (json[outer] as object) : {};
        return { ...d, body: { json: withKey(json, outer, withKey(nested, inner, v)) } };
      },
    })),
    {
      name: 'duplicated query parameter',
      spoil: (d, v) => ({ ...d, query: [...d.query, [d.query[0]?.[0] ?? 'page', v]] }),
    },
    { name: 'unknown query parameter', spoil: (d, v) => ({ ...d, query: [...d.query, ['role', v]] }) },
    ...(method === 'GET'
      ? []
      : [
          { name: 'whole body', spoil: (d: Draft, v: unknown) => ({ ...d, body: { json: v } }) },
          {
            name: 'raw body',
            values: fc.constantFrom(...RAW_BODIES),
            spoil: (d: Draft, v: unknown) => ({ ...d, body: v as FuzzRequest['body'] }),
          },
          {
            name: 'extra body field',
            values: fc.tuple(fc.constantFrom('userId', 'role', 'id', 'version', '__proto__', 'constructor'), hostile()),
            spoil: (d: Draft, v: unknown) => {
              const [key, value] = v as [string, unknown];
              const json = (d.body as { json?: unknown } | undefined)?.json;
              return { ...d, body: { json: withKey(json && typeof json === 'object' ? json : {}, key, value) } };
            },
          },
        ]),
    ...Object.entries(HEADERS).map(([h, values]): Slot => ({
      name: `header ${h}`,
      values: fc.constantFrom(...values),
      spoil: (d, v) => ({ ...d, headers: { ...d.headers, [h]: String(v) } }),
    })),
  ];

  const dirty = fc.nat({ max: slots.length - 1 }).chain((i) => {
    const slot = slots[i]!;
    const values =
      slot.values ?? (slot.schema ? fc.oneof(hostile(), boundaryFor(slot.schema, ctx, slot.field)) : hostile());
    return fc.tuple(clean, values).map(([draft, value]) => slot.spoil(draft, value));
  });

  const arbitrary = fc.oneof(clean, dirty).map((d) => toRequest(method, url, d));

  /** Each free-text slot × each critical string, on one clean draft (fixed seed: the same every run)… */
  const [base] = fc.sample(clean, { numRuns: 1, seed: 42 });
  const stringSlots = slots.filter((s) => s.schema && isFreeString(ctx.resolve(s.schema)));
  const examples = stringSlots.flatMap((slot) =>
    CRITICAL_STRINGS.map((text) => toRequest(method, url, slot.spoil(base!, text))),
  );
  // …each date slot × each edge date (0000, 0001, 1899-12-31, 2201, year 10000, and the valid ends)…
  for (const slot of slots)
    for (const edge of slot.schema ? edgeDatesFor(slot.schema, ctx, slot.field) : [])
      examples.push(toRequest(method, url, slot.spoil(base!, edge)));
  // …and, with a body, each confusing content type (a multipart type without its boundary, …).
  if (method !== 'GET')
    for (const type of HEADERS['content-type']!)
      examples.push(toRequest(method, url, { ...base!, headers: { 'content-type': type } }));

  return { arbitrary, examples, slots: slots.map((s) => s.name) };
}

function withKey(object: object, key: string, value: unknown): Record<string, unknown> {
  const copy = { ...(object as Record<string, unknown>) };
  // defineProperty: assigning "__proto__" would change the prototype instead of adding a key.
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

/** `[field, its date property, that property's schema]` for the object-valued fields of a body. */
function nestedDateFields(body: JsonSchema | undefined, ctx: SchemaContext): [string, string, JsonSchema][] {
  return Object.entries(body?.properties ?? {}).flatMap(([outer, schema]) =>
    Object.entries(ctx.resolve(schema).properties ?? {})
      .filter(([inner, s]) => edgeDatesFor(s, ctx, inner).length > 0)
      .map(([inner, s]): [string, string, JsonSchema] => [outer, inner, s]),
  );
}

function isFreeString(s: JsonSchema): boolean {
  if (s.enum || s.format) return false;
  if (s.type === 'string') return true;
  return Boolean(s.anyOf?.some((v) => v.type === 'string' && !v.enum && !v.format));
}

function csvBody(): fc.Arbitrary<FuzzRequest['body']> {
  const cell = fc.oneof(
    fc.constantFrom('06 12 34 56 78', '+33 6 98 76 54 32', 'Dupré', 'Joint', 'À appeler'),
    // The date columns, typed as people do and on the edges of the accepted range.
    fc.constantFrom('01/03/2026', '2026-03-01 14:30', '31/12/1899', '01/01/0001', '31/12/2200', '01/01/2201'),
    fc.constantFrom(...EDGE_DATES.date, ...EDGE_DATES['date-time']),
    hostile().map(String),
  );
  const csv = fc
    .array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 0, maxLength: 6 })
    .map((lines) =>
      ['Prénom;Nom;Téléphone;Statut;Dernier appel;Prochain rappel', ...lines.map((l) => l.join(';'))].join('\r\n'),
    );
  const fields = fc.record(
    {
      dryRun: fc.constantFrom('true', 'false', 'maybe'),
      dedupe: fc.constantFrom('skip', 'update', 'merge'),
      mapping: fc.constantFrom('{"Téléphone":"phone"}', '{', '[]', '{"a":"nope"}'),
    },
    { requiredKeys: [] },
  );
  return fc.tuple(csv, fields).map(([text, f]) => ({ csv: text, fields: f }));
}

function toRequest(method: string, url: string, d: Draft): FuzzRequest {
  let concrete = url.replace('*', d.star);
  const sent: unknown[] = [d.star, ...Object.values(d.headers)];
  for (const [name, value] of Object.entries(d.path)) {
    // An empty segment would address another route (/calls/ is the list).
    concrete = concrete.replace(`:${name}`, asParam(value) || '%20');
    sent.push(value);
  }
  const pairs: string[] = [];
  for (const [name, value] of d.query) {
    sent.push(value);
    // An array is a repeated parameter (status=a&status=b), as browsers send it.
    for (const v of Array.isArray(value) ? value : [value]) pairs.push(`${name}=${asParam(v)}`);
  }
  const body = method === 'GET' ? undefined : d.body;
  if (body)
    sent.push(
      ...('json' in body ? [body.json] : 'raw' in body ? [body.raw] : [body.csv, ...Object.values(body.fields)]),
    );
  return {
    url: pairs.length ? `${concrete}?${pairs.join('&')}` : concrete,
    headers: d.headers,
    body,
    sent: texts(sent),
  };
}

function texts(values: unknown[]): string[] {
  const out = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v === 'string' && v.length >= 3) {
      out.add(v);
      out.add(JSON.stringify(v).slice(1, -1));
      out.add(asParam(v));
    } else if (Array.isArray(v)) v.forEach(add);
    else if (v && typeof v === 'object') Object.values(v).forEach(add);
  };
  values.forEach(add);
  return [...out];
}
