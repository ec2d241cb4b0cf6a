import { z } from 'zod';

/**
 * A query parameter holding several values of a vocabulary, given either as repeated parameters
 * (`?status=a&status=b`) or as one comma-separated list (`?status=a,b`), or both. An unknown value
 * is a 400 naming the parameter.
 */
export function listParam<const T extends readonly [string, ...string[]]>(values: T, name: string) {
  const known = new Set<string>(values);
  return z
    .union([z.string().max(500), z.array(z.string().max(500)).max(20)])
    .describe(`One or more of ${values.join(', ')}: repeated (${name}=a&${name}=b) or comma-separated (${name}=a,b)`)
    .transform((input, ctx) => {
      const items = (Array.isArray(input) ? input : [input])
        .flatMap((s) => s.split(','))
        .map((s) => s.trim())
        .filter(Boolean);
      const unknown = items.filter((item) => !known.has(item));
      if (unknown.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `Unknown ${name} ${unknown.map((u) => JSON.stringify(u.slice(0, 40))).join(', ')}; expected one of ${values.join(', ')}`,
        });
        return z.NEVER;
      }
      return [...new Set(items)] as T[number][];
    })
    .optional();
}
