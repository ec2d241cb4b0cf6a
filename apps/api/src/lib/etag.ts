import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

/**
 * Optimistic concurrency for calls and reminders (docs/decisions/0012-concurrency.md): the row's
 * version is its ETag, weak because derived columns (next_reminder_at) may change without a bump.
 */
export const etagOf = (version: number) => `W/"${version}"`;

/** What the client's If-Match allows: any current version (`*`), a list of versions, or no condition. */
export type IfMatch = { any: true } | { versions: number[] } | undefined;

/** Reads If-Match; weak and strong forms compare alike (`W/"3"`, `"3"`). Unparseable tags never match. */
export function ifMatchOf(request: FastifyRequest): IfMatch {
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value.trim() === '*') return { any: true };
  const versions = value
    .split(',')
    .map((tag) => /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(tag)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number);
  return { versions };
}

/** Throws 412 (with the current ETag) when the row's version is not one the client holds. */
export function assertIfMatch(ifMatch: IfMatch, version: number, what: string): void {
  if (!ifMatch || 'any' in ifMatch || ifMatch.versions.includes(version)) return;
  throw new AppError(
    'precondition_failed',
    `The ${what} was changed by someone else; reload it and try again`,
    undefined,
    { etag: etagOf(version) },
  );
}

export function setEtag(reply: FastifyReply, version: number): void {
  reply.header('etag', etagOf(version));
}
