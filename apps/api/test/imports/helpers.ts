import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { count, eq, and, isNull } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { calls, type Database } from '@ct/db';
import type { Agent } from '../helpers/client.ts';

export function fixture(name: string): Buffer {
  return readFileSync(new URL(`../fixtures/imports/${name}`, import.meta.url));
}

/** A multipart/form-data body: text fields, then the file (or fields after it, with `fieldsAfter`). */
export function multipart(
  file: Buffer | null,
  filename = 'calls.csv',
  fields: Record<string, string> = {},
  options: { fieldsAfter?: boolean; fileField?: string } = {},
) {
  const boundary = `----ct${randomBytes(8).toString('hex')}`;
  const fieldParts = Object.entries(fields).map(([name, value]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
  );
  const fileParts = file
    ? [
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${options.fileField ?? 'file'}"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`,
        ),
        file,
        Buffer.from('\r\n'),
      ]
    : [];
  const parts = options.fieldsAfter ? [...fileParts, ...fieldParts] : [...fieldParts, ...fileParts];
  return {
    payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export interface UploadOptions {
  filename?: string;
  query?: string;
  fields?: Record<string, string>;
  headers?: Record<string, string>;
  fieldsAfter?: boolean;
}

/** POST /calls/import as the agent (cookies + CSRF header). */
export function upload(agent: Agent, file: Buffer, options: UploadOptions = {}): Promise<LightMyRequestResponse> {
  const body = multipart(file, options.filename, options.fields, { fieldsAfter: options.fieldsAfter ?? false });
  return agent.request({
    method: 'POST',
    url: `/calls/import${options.query ? `?${options.query}` : ''}`,
    payload: body.payload,
    headers: { ...body.headers, ...options.headers },
  });
}

export async function liveCallCount(database: Database, userId: string): Promise<number> {
  const [row] = await database.db
    .select({ n: count() })
    .from(calls)
    .where(and(eq(calls.userId, userId), isNull(calls.deletedAt)));
  return row?.n ?? 0;
}

export async function callsOf(database: Database, userId: string) {
  return database.db
    .select()
    .from(calls)
    .where(and(eq(calls.userId, userId), isNull(calls.deletedAt)));
}

/** A CSV of `rows` distinct valid calls (phones 06 10 00 00 00 + i), `;`-separated, CRLF. */
export function generatedCsv(rows: number, start = 0): Buffer {
  const lines = ['Prénom;Nom;Téléphone;Statut;Commentaire'];
  for (let i = start; i < start + rows; i++)
    lines.push(`Prénom${i};Nom${i};06${String(10_000_000 + i).padStart(8, '0')};À appeler;ligne ${i}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}
