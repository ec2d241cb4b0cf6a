import { Buffer } from 'node:buffer';
import { AppError } from '../../lib/errors.ts';

/**
 * The `after=` cursor of GET /calls: where the last page ended, as the sort it was made for, the sort
 * values of its last row (as PostgreSQL writes them in text, so that an instant keeps its
 * microseconds) and that row's id. Opaque to clients (base64url JSON), checked here before any of it
 * reaches SQL: a cursor names a position in the caller's own list, nothing more, so it is not signed.
 */
export interface ListCursor {
  sort: string;
  values: (string | null)[];
  id: string;
}

/** What a sort key's column holds, to check a cursor's value before PostgreSQL casts it. */
export type CursorValueKind =
  { kind: 'instant' } | { kind: 'text' } | { kind: 'integer' } | { kind: 'enum'; values: readonly string[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** PostgreSQL's text of an instant in UTC (`(t at time zone 'UTC')::text`): `2026-11-26 09:30:00.123456`. */
const PG_INSTANT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?$/;
const MAX_TEXT = 2000;
export const MAX_CURSOR_LENGTH = 4096;

export function encodeCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.values, cursor.id])).toString('base64url');
}

function invalid(message: string): AppError {
  return new AppError('validation_failed', 'Invalid cursor', [{ path: 'querystring.after', message }]);
}

function valueFits(value: unknown, kind: CursorValueKind): boolean {
  if (value === null) return kind.kind === 'instant';
  if (typeof value !== 'string') return false;
  switch (kind.kind) {
    case 'instant': {
      if (!PG_INSTANT.test(value) || value.startsWith('0000')) return false;
      // A real instant, not one JavaScript would roll over (Feb 30 → Mar 2) and PostgreSQL refuse.
      const iso = `${value.slice(0, 10)}T${value.slice(11, 19)}`;
      const parsed = new Date(`${iso}Z`);
      return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 19) === iso;
    }
    case 'text':
      return value.length <= MAX_TEXT && !value.includes('\u0000');
    case 'integer':
      return /^-?\d{1,10}$/.test(value) && Math.abs(Number(value)) <= 2 ** 31 - 1;
    case 'enum':
      return kind.values.includes(value);
  }
}

/**
 * Reads a cursor made for `sort` whose key columns are `kinds`; anything else — not ours, damaged, or
 * made for another sort — is a 400 on `after`, never a database error.
 */
export function decodeCursor(text: string, sort: string, kinds: readonly CursorValueKind[]): ListCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid('Not a cursor of this list');
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalid('Not a cursor of this list');
  const [madeFor, values, id] = parsed as unknown[];
  if (typeof madeFor !== 'string' || !Array.isArray(values) || typeof id !== 'string' || !UUID.test(id))
    throw invalid('Not a cursor of this list');
  if (madeFor !== sort) throw invalid(`This cursor continues the list sorted by ${madeFor}, not ${sort}`);
  if (values.length !== kinds.length || !values.every((v, i) => valueFits(v, kinds[i]!)))
    throw invalid('Not a cursor of this list');
  return { sort, values: values as (string | null)[], id };
}
