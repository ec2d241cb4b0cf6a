import { z } from 'zod';

export const uuidSchema = z.uuid();
export const idParamsSchema = z.object({ id: z.uuid() });

/** ISO 8601 instant with an offset, e.g. 2026-03-30T07:00:00.000Z. */
export const isoDateTimeSchema = z.iso.datetime({ offset: true });
/** Calendar date YYYY-MM-DD. */
export const isoDateSchema = z.iso.date();
/** Local clock time HH:mm (24h). */
export const clockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected HH:mm (00:00–23:59)');

export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  });
}

/** True when `tz` is an IANA zone this runtime knows (Intl throws on unknown zones). */
export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz.length > 0 && !/^[+-]/.test(tz);
  } catch {
    return false;
  }
}

export const timeZoneSchema = z.string().max(64).refine(isValidTimeZone, 'Unknown IANA time zone');
