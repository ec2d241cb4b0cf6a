import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { userSchema } from '@ct/contracts';
import { serializerCompiler } from '../../src/lib/response-serializer.ts';

const compile = (schema: z.ZodType) => serializerCompiler({ schema, method: 'GET', url: '/test', httpStatus: '200' });

describe('the response serializer (fast-json-stringify from the zod schema)', () => {
  it('writes only the declared properties: a column a handler forgot to drop never leaves', () => {
    const write = compile(z.object({ id: z.string(), name: z.string(), nested: z.object({ a: z.number() }) }));
    const out = JSON.parse(
      write({ id: 'u1', name: 'Hélène', passwordHash: '$argon2id$…', nested: { a: 1, tokenHash: 'x' } }),
    ) as Record<string, unknown>;
    expect(out).toEqual({ id: 'u1', name: 'Hélène', nested: { a: 1 } });
  });

  it('does so for the real user schema, nullable fields, arrays and dates included', () => {
    const write = compile(z.object({ items: z.array(userSchema), at: z.iso.datetime().nullable() }));
    const user = {
      id: '0b8f3c1e-5d0a-4c6e-9a57-0d1f3c2b4a59',
      email: 'a@example.com',
      name: 'A',
      role: 'user',
      language: 'fr',
      timezone: 'Europe/Paris',
      dateFormat: 'dd/MM/yyyy',
      timeFormat: '24h',
      createdAt: '2026-11-26T10:00:00.000Z',
    };
    const out = JSON.parse(write({ items: [{ ...user, passwordHash: 'h', refreshTokenHash: 't' }], at: null })) as {
      items: Record<string, unknown>[];
      at: unknown;
    };
    expect(out.at).toBeNull();
    expect(out.items[0]).not.toHaveProperty('passwordHash');
    expect(out.items[0]).not.toHaveProperty('refreshTokenHash');
    expect(out.items[0]!.email).toBe('a@example.com');
    expect(JSON.parse(compile(z.object({ at: z.iso.datetime() }))({ at: new Date('2026-11-26T10:00:00Z') }))).toEqual({
      at: '2026-11-26T10:00:00.000Z',
    });
  });

  it('writes nullable primitives as null or their value, a Date in a nullable instant as ISO', () => {
    const write = compile(
      z.object({ at: z.iso.datetime().nullable(), n: z.number().int().nullable(), s: z.string().nullable() }),
    );
    expect(JSON.parse(write({ at: null, n: null, s: null }))).toEqual({ at: null, n: null, s: null });
    expect(JSON.parse(write({ at: '2026-11-26T10:00:00.000Z', n: 3, s: 'x' }))).toEqual({
      at: '2026-11-26T10:00:00.000Z',
      n: 3,
      s: 'x',
    });
    expect(JSON.parse(write({ at: new Date('2026-11-26T10:00:00Z'), n: 0, s: '' })).at).toBe(
      '2026-11-26T10:00:00.000Z',
    );
    const mapping = compile(z.object({ mapping: z.record(z.string(), z.enum(['phone', 'name']).nullable()) }));
    expect(JSON.parse(mapping({ mapping: { Tél: 'phone', Autre: null } }))).toEqual({
      mapping: { Tél: 'phone', Autre: null },
    });
  });

  it('refuses a response that lacks a required property (a 500, not a half answer)', () => {
    const write = compile(z.object({ id: z.string(), total: z.number() }));
    expect(() => write({ id: 'x' })).toThrow(/total/);
  });

  it('escapes strings as JSON must (quotes, line breaks, control and non-BMP characters)', () => {
    const write = compile(z.object({ s: z.string() }));
    const s = 'a "quoted" \\ line\nbreak \u0000 \u2028 😀 </script>';
    expect(JSON.parse(write({ s }))).toEqual({ s });
  });
});
