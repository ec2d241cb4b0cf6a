import { randomUUID } from 'node:crypto';
import { test } from '@playwright/test';
import fc from 'fast-check';
import { createUser, expect } from './support/accounts';
import { cookieHeader, csrfFrom, postJson, send, webOrigin } from './support/raw-http';

/**
 * Date bounds and oversize bodies, fuzzed through both origins — the web origin (`/api/*` through the
 * web server) and the API's own port — from the live OpenAPI document: every date or instant in a
 * query or a JSON body gets years far outside what a calendar holds (0000, 0001, 1899, 2201, 9999,
 * 10000…) and well-formed but absurd instants, and every JSON operation gets a body over the 1 MiB
 * limit. Whatever the input, no answer is a 5xx; an oversize body is a 413.
 */

type Schema = {
  type?: string;
  format?: string;
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
  enum?: unknown[];
};
type Operation = {
  parameters?: { in: string; name: string; schema: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
};

const dateFormat = (schema: Schema | undefined): 'date' | 'date-time' | undefined => {
  if (!schema) return undefined;
  if (schema.format === 'date' || schema.format === 'date-time') return schema.format;
  for (const option of schema.anyOf ?? []) {
    const found = dateFormat(option);
    if (found) return found;
  }
  return undefined;
};

/** Years a form or a script may send, valid or not, with the edges of the range the API accepts. */
const year = fc.oneof(
  fc.constantFrom(0, 1, 99, 999, 1000, 1899, 1900, 2200, 2201, 9999),
  fc.integer({ min: 0, max: 9999 }),
  fc.integer({ min: 10_000, max: 275_760 }),
);
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const dateText = fc
  .tuple(year, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
  .map(([y, m, d]) => `${y > 9999 ? `+${pad(y, 6)}` : pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
const instantText = fc
  .tuple(
    dateText,
    fc.integer({ min: 0, max: 23 }),
    fc.integer({ min: 0, max: 59 }),
    fc.constantFrom('Z', '+14:00', '-12:00', '+02:00'),
  )
  .map(([date, h, m, zone]) => `${date}T${pad(h, 2)}:${pad(m, 2)}:00${zone}`);
const valuesFor = (format: 'date' | 'date-time', count: number) =>
  fc.sample(format === 'date' ? dateText : instantText, count);

const apiPort = () => new URL(process.env.E2E_API_URL || 'http://127.0.0.1:4000').port;
/** The API itself (the test run's leak-scanning proxy listens one port down). */
const innerApiOrigin = () => `http://127.0.0.1:${Number(apiPort()) + 1}`;

const ORIGINS = [
  { label: 'the web origin', origin: webOrigin, prefix: '/api' },
  { label: 'the API port', origin: innerApiOrigin, prefix: '' },
] as const;

async function loadDocument() {
  const response = await send({ path: '/api/openapi.json' });
  expect(response.status).toBe(200);
  return response.json<{ paths: Record<string, Record<string, Operation>> }>().paths;
}

const concrete = (path: string) => path.replace(/\{[^}]+\}/g, () => randomUUID());

for (const { label, origin, prefix } of ORIGINS) {
  test.describe(`fuzzed through ${label}`, () => {
    test('out-of-range dates and instants in queries and bodies never answer 5xx', async () => {
      test.setTimeout(180_000);
      // An admin reaches every route, the admin's own included (a user's 403 would come before validation).
      const user = await createUser({ role: 'admin' });
      const login = await postJson(
        `${prefix}/auth/login`,
        { email: user.email, password: user.password },
        { origin: origin() },
      );
      expect(login.status).toBe(200);
      const headers = { cookie: cookieHeader(login), 'x-csrf-token': csrfFrom(login) };
      const paths = await loadDocument();
      const failures: string[] = [];
      let sent = 0;

      for (const [path, operations] of Object.entries(paths)) {
        for (const [method, operation] of Object.entries(operations)) {
          for (const parameter of operation.parameters ?? []) {
            const format = parameter.in === 'query' ? dateFormat(parameter.schema) : undefined;
            const values = format
              ? valuesFor(format, 12)
              : parameter.name === 'range' && parameter.in === 'query'
                ? fc.sample(
                    fc.tuple(dateText, dateText).map(([a, b]) => `${a}..${b}`),
                    12,
                  )
                : [];
            for (const value of values) {
              const url = `${prefix}${concrete(path)}?${new URLSearchParams({ [parameter.name]: value })}`;
              const response = await send({ origin: origin(), method: method.toUpperCase(), path: url, headers });
              sent++;
              if (response.status >= 500) failures.push(`${method.toUpperCase()} ${url} → ${response.status}`);
            }
          }
          const schema = operation.requestBody?.content['application/json']?.schema;
          for (const [field, property] of Object.entries(schema?.properties ?? {})) {
            const nested = Object.entries(property.properties ?? {}).filter(([, p]) => dateFormat(p));
            const slots: [string[], 'date' | 'date-time'][] = [
              ...(dateFormat(property) ? [[[field], dateFormat(property)!] as [string[], 'date' | 'date-time']] : []),
              ...nested.map(([inner, p]) => [[field, inner], dateFormat(p)!] as [string[], 'date' | 'date-time']),
            ];
            for (const [keys, format] of slots) {
              for (const value of valuesFor(format, 8)) {
                const body = keys.length === 1 ? { [keys[0]!]: value } : { [keys[0]!]: { [keys[1]!]: value } };
                const url = `${prefix}${concrete(path)}`;
                const response = await send({
                  origin: origin(),
                  method: method.toUpperCase(),
                  path: url,
                  body: JSON.stringify(body),
                  headers: { ...headers, 'content-type': 'application/json' },
                });
                sent++;
                if (response.status >= 500)
                  failures.push(`${method.toUpperCase()} ${url} ${JSON.stringify(body)} → ${response.status}`);
              }
            }
          }
        }
      }
      expect(sent).toBeGreaterThan(50);
      expect(failures).toEqual([]);
    });

    test('a JSON body over the limit answers 413 problem+json on every operation that takes one', async () => {
      // An admin, so that no route refuses the caller before it reads the body.
      const user = await createUser({ role: 'admin' });
      const login = await postJson(
        `${prefix}/auth/login`,
        { email: user.email, password: user.password },
        { origin: origin() },
      );
      const headers = {
        cookie: cookieHeader(login),
        'x-csrf-token': csrfFrom(login),
        'content-type': 'application/json',
      };
      const huge = JSON.stringify({ note: 'x'.repeat(1024 * 1024 + 1) });
      const paths = await loadDocument();
      const answers: string[] = [];
      for (const [path, operations] of Object.entries(paths)) {
        for (const [method, operation] of Object.entries(operations)) {
          if (!operation.requestBody?.content['application/json']) continue;
          const response = await send({
            origin: origin(),
            method: method.toUpperCase(),
            path: `${prefix}${concrete(path)}`,
            body: huge,
            headers,
          });
          if (response.status !== 413 || !String(response.headers['content-type']).includes('problem+json')) {
            answers.push(`${method.toUpperCase()} ${path} → ${response.status}`);
          }
        }
      }
      expect(answers).toEqual([]);
    });
  });
}
