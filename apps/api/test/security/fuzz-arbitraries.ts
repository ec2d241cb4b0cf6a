import fc from 'fast-check';

/**
 * fast-check arbitraries from the JSON Schemas of the OpenAPI document: values that satisfy the
 * schema, values on and just past its bounds, and hostile values (huge, unicode, NUL, SQL and HTML
 * metacharacters, wrong types). Only the keywords our schemas use are understood; anything else
 * falls back to arbitrary JSON.
 */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
}

export interface SchemaContext {
  /** Follows `#/components/schemas/X` references. */
  resolve(schema: JsonSchema): JsonSchema;
  /** Real ids (the caller's resources) for `format: uuid`, so that some requests reach the data. */
  ids: string[];
}

export const HOSTILE_STRINGS = [
  'x'.repeat(100_000),
  "' OR '1'='1",
  "'; DROP TABLE calls; --",
  '%_\\',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '{{7*7}}${7*7}',
  '../../../../etc/passwd',
  'a\u0000b',
  '\u0000',
  '\ud800',
  '🙂'.repeat(60),
  '\u202egnp.exe',
  'Ǆ̴̡̛ͯ̈́z̸͚̈́a̵̜̿l̶̦̈́g̷̤̓o̶͈̊',
  '=HYPERLINK("http://evil.example")',
  '\r\n{"level":50,"msg":"forged"}',
  ' ',
  '',
  'null',
  'NaN',
  '-1',
  '1e309',
  '__proto__',
  '2026-02-30T25:61:00Z',
  '9999-12-31',
];

/**
 * Dates on and past the range every date input accepts (1900-01-01..2200-12-31): years that do not
 * exist in PostgreSQL (0000, before 1 BC), that a time zone pushes out of the year (0001 at +14:00),
 * that JavaScript writes with six digits (+010000), and the valid ends themselves.
 */
export const EDGE_DATES = {
  date: [
    '0000-01-01',
    '0001-01-01',
    '1899-12-31',
    '1900-01-01',
    '2200-12-31',
    '2201-01-01',
    '9999-12-31',
    '10000-01-01',
    '+010000-01-01',
    '-000001-01-01',
  ],
  'date-time': [
    '0000-01-01T00:00:00Z',
    '0001-01-01T00:00:00.000Z',
    '0001-01-01T00:00:00+14:00',
    '1899-12-31T23:59:59Z',
    '1900-01-01T00:00:00+14:00',
    '2200-12-31T23:59:59-12:00',
    '2201-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '10000-01-01T00:00:00Z',
    '+010000-01-01T00:00:00.000Z',
    '-000001-01-01T00:00:00Z',
  ],
  /** `YYYY-MM-DD..YYYY-MM-DD` report ranges. */
  range: [
    '0000-01-01..0000-01-31',
    '0001-01-01..0001-01-05',
    '1899-12-31..1900-01-05',
    '1900-01-01..1900-01-31',
    '2200-12-01..2200-12-31',
    '2200-12-31..2201-01-01',
    '9999-12-01..9999-12-31',
    '10000-01-01..10000-01-02',
  ],
};
/** The edges that are inside the range: a valid request may carry them. */
const VALID_EDGES = {
  date: ['1900-01-01', '2200-12-31'],
  'date-time': ['1900-01-01T00:00:00+14:00', '2200-12-31T23:59:59-12:00'],
};

/** The edge dates for a date, instant or date-or-instant schema; none for anything else. */
export function edgeDatesFor(schema: JsonSchema, ctx: SchemaContext, name?: string): string[] {
  const s = ctx.resolve(schema);
  if (s.format === 'date' || s.format === 'date-time') return EDGE_DATES[s.format];
  if (name === 'range' && (s.type === 'string' || s.anyOf)) return EDGE_DATES.range;
  return [...new Set((s.anyOf ?? s.oneOf ?? []).flatMap((v) => edgeDatesFor(v, ctx)))];
}

const WRONG_TYPES: unknown[] = [
  null,
  0,
  -1,
  1.5,
  2 ** 53 + 2,
  1e308,
  true,
  false,
  [],
  [1, 'a'],
  {},
  { $ne: null },
  { __proto__: { admin: true } },
  [[[[]]]],
];

export const hostile = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom(...HOSTILE_STRINGS),
    fc.constantFrom(...WRONG_TYPES),
    fc.string({ unit: 'binary', maxLength: 40 }),
  );

/**
 * What a plain `string` in our schemas means, by field name, where the schema cannot say it (a list
 * parameter, a time zone, a range): without these, "valid" values would almost never be.
 */
const HINTS: Record<string, string[]> = {
  status: ['to_call', 'no_answer,callback', 'reached', 'done,wrong_number'],
  type: ['prospecting', 'follow_up,support', 'other', 'call_logged'],
  priority: ['low', 'normal,high', 'urgent'],
  range: ['7d', '30d', '90d', '2026-01-01..2026-03-01', '2026-03-02..2026-03-02'],
  date: ['today', '2026-03-03', '2026-03-02'],
  timezone: ['Europe/Paris', 'America/New_York', 'Pacific/Honolulu', 'UTC'],
  phone: ['06 12 34 56 78', '+33 6 98 76 54 32', '+1 212 555 0100', '0612'],
  q: ['dupré', 'Hélène', '06 12', 'secret'],
  mapping: ['{"Téléphone":"phone"}'],
  lastEventId: ['0', '1', '42'],
  name: ['Alice', 'Zoë Ωmega'],
  password: ['a long enough password'],
};

/** A value for the schema: mostly valid, sometimes on a bound, sometimes hostile. */
export function valueFor(schema: JsonSchema, ctx: SchemaContext, depth = 0, name?: string): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 5, arbitrary: validFor(schema, ctx, depth, name) },
    { weight: 2, arbitrary: boundaryFor(schema, ctx, name) },
    { weight: 2, arbitrary: hostile() },
  );
}

export function validFor(schema: JsonSchema, ctx: SchemaContext, depth = 0, name?: string): fc.Arbitrary<unknown> {
  const s = ctx.resolve(schema);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const hint = name ? HINTS[name] : undefined;
  if (hint && !s.format && (s.type === 'string' || s.anyOf)) return fc.constantFrom(...hint);
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return fc.oneof(...variants.map((v) => validFor(v, ctx, depth, name)));
  if (s.allOf?.length === 1) return validFor(s.allOf[0]!, ctx, depth, name);
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => validFor({ ...s, type }, ctx, depth, name)));
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: lower(s) ?? -1000, max: upper(s) ?? 1000 });
    case 'number':
      return fc.double({ min: lower(s) ?? -1e6, max: upper(s) ?? 1e6, noNaN: true });
    case 'string':
      return validString(s, ctx);
    case 'array':
      return fc.array(s.items && depth < 4 ? validFor(s.items, ctx, depth + 1, name) : fc.string(), {
        minLength: s.minItems ?? 0,
        maxLength: Math.min(s.maxItems ?? 4, 4),
      });
    case 'object':
      return objectFor(s, ctx, depth, validFor, false);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Objects: each known property (required ones always, others sometimes), at times an unknown one. */
export function objectFor(
  s: JsonSchema,
  ctx: SchemaContext,
  depth: number,
  field: (schema: JsonSchema, ctx: SchemaContext, depth: number, name?: string) => fc.Arbitrary<unknown> = valueFor,
  withExtra = true,
): fc.Arbitrary<Record<string, unknown>> {
  const props = s.properties ?? {};
  const record = fc.record(
    Object.fromEntries(
      Object.entries(props).map(([k, v]) => [k, depth < 4 ? field(v, ctx, depth + 1, k) : fc.constant(null)]),
    ),
    { requiredKeys: (s.required ?? []).filter((k) => k in props) },
  );
  const extra = withExtra
    ? fc.option(fc.tuple(fc.constantFrom('userId', 'role', 'id', '__proto__', 'constructor', 'extra'), hostile()), {
        freq: 6,
      })
    : fc.constant(null);
  return fc.tuple(record, extra).map(([value, extra]) => {
    if (!extra) return value;
    // defineProperty: a plain assignment of "__proto__" would change the prototype, not add a key.
    Object.defineProperty(value, extra[0], { value: extra[1], enumerable: true, configurable: true, writable: true });
    return value;
  });
}

function validString(s: JsonSchema, ctx: SchemaContext): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = Math.max(min, Math.min(s.maxLength ?? 40, 40));
  switch (s.format) {
    case 'uuid':
      return ctx.ids.length
        ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ctx.ids) }, { weight: 1, arbitrary: fc.uuid() })
        : fc.uuid();
    case 'date-time':
      // Mostly around the suites' "now" (2026-03-02), where reminders are neither past nor absurd.
      return fc.oneof(
        {
          weight: 3,
          arbitrary: fc
            .date({ min: new Date('2026-02-20'), max: new Date('2026-04-30'), noInvalidDate: true })
            .map((d) => d.toISOString()),
        },
        {
          weight: 1,
          arbitrary: fc
            .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
            .map((d) => d.toISOString()),
        },
        // Written with their offsets: as instants they fall just outside the range, as dates inside.
        { weight: 1, arbitrary: fc.constantFrom(...VALID_EDGES['date-time']) },
      );
    case 'date':
      return fc.oneof(
        {
          weight: 4,
          arbitrary: fc
            .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
            .map((d) => d.toISOString().slice(0, 10)),
        },
        { weight: 1, arbitrary: fc.constantFrom(...VALID_EDGES.date) },
      );
    case 'email':
      // fc.emailAddress() follows RFC 5322, looser than the app's (and most) email checks.
      return fc.oneof(fc.constantFrom('fuzz.new@example.test', 'Zoe.Upper@Example.TEST'), fc.emailAddress());
  }
  if (s.pattern)
    return fc
      .stringMatching(new RegExp(s.pattern))
      .filter((v) => v.length >= min && v.length <= (s.maxLength ?? Infinity));
  return fc.oneof(
    fc.string({ minLength: min, maxLength: max }),
    fc.string({ minLength: min, maxLength: max, unit: 'grapheme' }),
  );
}

/** The edges: empty, exactly the limit, one past it; integers at and beyond their range. */
export function boundaryFor(schema: JsonSchema, ctx: SchemaContext, name?: string): fc.Arbitrary<unknown> {
  const s = ctx.resolve(schema);
  const edges = edgeDatesFor(s, ctx, name);
  if (edges.length) return fc.constantFrom(...edges);
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (types.includes('string') && !s.enum) {
    const values = ['', 'é'.repeat(s.maxLength ?? 256), 'x'.repeat((s.maxLength ?? 256) + 1)];
    if (s.minLength) values.push('x'.repeat(s.minLength - 1), 'x'.repeat(s.minLength));
    return fc.constantFrom(...values);
  }
  if (types.includes('integer') || types.includes('number')) {
    const lo = lower(s) ?? -(2 ** 31);
    const hi = upper(s) ?? 2 ** 31;
    return fc.constantFrom(lo, hi, lo - 1, hi + 1, 0, -0, 0.5, Number.MAX_SAFE_INTEGER + 2);
  }
  if (types.includes('array')) {
    return fc.constantFrom(
      [],
      Array.from({ length: (s.maxItems ?? 50) + 1 }, () => 'x'),
    );
  }
  return fc.constantFrom(null, '', 0);
}

const lower = (s: JsonSchema) => (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : s.minimum);
const upper = (s: JsonSchema) => (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : s.maximum);

/**
 * A query-string or path value as text. Objects and arrays become JSON (what a confused client
 * sends); a lone surrogate, which encodeURIComponent refuses, becomes invalid UTF-8 bytes.
 */
export function asParam(value: unknown): string {
  const text =
    typeof value === 'string'
      ? value
      : value === undefined
        ? ''
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value);
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80%FF';
  }
}
