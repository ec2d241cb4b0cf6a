/** Escapes LIKE/ILIKE metacharacters so user input is matched literally (default escape is `\`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A unique index refused the write (PostgreSQL 23505), as the driver or Drizzle's wrapper reports it. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } } | null;
  return e?.code === '23505' || e?.cause?.code === '23505';
}
