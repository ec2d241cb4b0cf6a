import fastJsonStringify from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { z, type ZodType } from 'zod';

/**
 * Responses are written by fast-json-stringify from each route's zod schema, turned into JSON Schema
 * once when the route is registered (zod's own `z.toJSONSchema`, output side). Like zod's parse, it
 * writes only the declared properties — a column a handler forgets to leave out (a hash, another
 * user's field) never reaches the client — and refuses a response without a required one; unlike it,
 * it does not re-check every string of a 50-row page against its format on the way out, which was
 * ~13% of the API's CPU on GET /calls (docs/performance.md). The HTTP suites still check every answer
 * against the OpenAPI document (test/security/fuzz.test.ts).
 */
export const serializerCompiler: FastifySerializerCompiler<ZodType> = ({ schema }) =>
  fastJsonStringify(toJsonSchema(schema) as Parameters<typeof fastJsonStringify>[0]);

export function toJsonSchema(schema: ZodType) {
  return nullableAsTypes(z.toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'any' }));
}

type JsonSchema = Record<string, unknown>;
const PRIMITIVES = new Set(['string', 'number', 'integer', 'boolean']);

/**
 * zod writes `x.nullable()` as `anyOf: [x, {type: 'null'}]`, which fast-json-stringify settles by
 * running Ajv on the value (a date-time regex per nullable instant). For a primitive, the same thing
 * as a type list (`type: ['string', 'null']`) is a typeof check. Everything else is left as written.
 */
function nullableAsTypes<T>(node: T): T {
  if (Array.isArray(node)) return node.map(nullableAsTypes) as T;
  if (!node || typeof node !== 'object') return node;
  const schema = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, nullableAsTypes(v)])) as JsonSchema;
  const branches = schema.anyOf;
  if (Array.isArray(branches) && branches.length === 2) {
    const [a, b] = branches as JsonSchema[];
    const value = a?.type === 'null' ? b : b?.type === 'null' ? a : undefined;
    if (value && typeof value.type === 'string' && PRIMITIVES.has(value.type) && Object.keys(schema).length === 1) {
      // What writing a primitive needs: its type, and for an instant its format (a Date → ISO).
      return { type: [value.type, 'null'], ...(value.format ? { format: value.format } : {}) } as T;
    }
  }
  return schema as T;
}
