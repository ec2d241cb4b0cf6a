import { z } from 'zod';

export const uuidSchema = z.uuid();
export const idParamsSchema = z.object({ id: z.uuid() });

/** ISO 8601 instant with an offset, e.g. 2026-03-30T07:00:00.000Z (as the API writes them). */
export const isoDateTimeSchema = z.iso.datetime({ offset: true });
/** Calendar date YYYY-MM-DD (as the API writes them). */
export const isoDateSchema = z.iso.date();

/**
 * The calendar dates a client may send, both included. Outside them a date is a typo or a probe:
 * year 0000 does not exist in PostgreSQL, year 0001 shifted by a time zone falls before it, and a
 * two-digit year on the way to the driver becomes 20xx.
 */
export const DATE_MIN = '1900-01-01';
export const DATE_MAX = '2200-12-31';
const DATE_MIN_YEAR = Number(DATE_MIN.slice(0, 4));
const DATE_MAX_YEAR = Number(DATE_MAX.slice(0, 4));

/** Whether a calendar year is inside DATE_MIN..DATE_MAX (the range is whole years). */
export function isYearInDateRange(year: number): boolean {
  return year >= DATE_MIN_YEAR && year <= DATE_MAX_YEAR;
}

/** For text already checked as an ISO date or instant: its written date (the first 10 characters) is in range. */
function startsInDateRange(value: string): boolean {
  return isYearInDateRange(Number(value.slice(0, 4)));
}
const dateRangeIssue = { message: `Expected a date from ${DATE_MIN} to ${DATE_MAX}` };

/** A calendar date YYYY-MM-DD sent by a client: DATE_MIN..DATE_MAX. */
export const dateInputSchema = z.iso.date({ abort: true }).refine(startsInDateRange, dateRangeIssue);
/** An instant with an offset sent by a client: its written date DATE_MIN..DATE_MAX. */
export const instantInputSchema = z.iso
  .datetime({ offset: true, abort: true })
  .refine(startsInDateRange, dateRangeIssue);
/** A date (a whole local day) or an instant sent by a client, either DATE_MIN..DATE_MAX. */
export const dateOrInstantInputSchema = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .refine(startsInDateRange, dateRangeIssue);
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
