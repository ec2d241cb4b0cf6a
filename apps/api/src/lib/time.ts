import { DateTime } from 'luxon';
import type { WorkHours } from '@ct/contracts';

/**
 * Calendar arithmetic in a user's own time zone (luxon handles DST: a 09:00 Paris slot is 08:00Z in
 * winter and 07:00Z in summer, and the 2026-03-29 day is 23 hours long). Where a callback or a snooze
 * lands is not here: `@ct/contracts/schedule` computes it for the API and the web app alike.
 */

export function localDateTime(instant: Date, zone: string): DateTime {
  return DateTime.fromJSDate(instant, { zone });
}

/** [start, end) of the local calendar day holding `instant`. */
export function dayBounds(instant: Date, zone: string): { start: Date; end: Date } {
  const local = localDateTime(instant, zone).startOf('day');
  return { start: local.toJSDate(), end: local.plus({ days: 1 }).toJSDate() };
}

/** [start, end) of a local calendar date given as YYYY-MM-DD. */
export function dateBounds(isoDate: string, zone: string): { start: Date; end: Date } {
  const local = DateTime.fromISO(isoDate, { zone }).startOf('day');
  if (!local.isValid) throw new RangeError(`Invalid date ${isoDate}`);
  return { start: local.toJSDate(), end: local.plus({ days: 1 }).toJSDate() };
}

/** The local date (YYYY-MM-DD) of an instant. */
export function localDate(instant: Date, zone: string): string {
  return localDateTime(instant, zone).toISODate() ?? '';
}

function clock(hhmm: string): { hour: number; minute: number } {
  const [h, m] = hhmm.split(':').map(Number);
  return { hour: h ?? 0, minute: m ?? 0 };
}

export function isWorkingDay(local: DateTime, hours: WorkHours): boolean {
  return hours.days.includes(local.weekday);
}

/** The local instant of `hhmm` on the day of `local` (DST gaps resolve forwards). */
export function atClock(local: DateTime, hhmm: string): DateTime {
  return local.set({ ...clock(hhmm), second: 0, millisecond: 0 });
}

/** The local start of work on the day of `instant`, or null on a non-working day. */
export function workDayStart(instant: Date, hours: WorkHours, zone: string): Date | null {
  const local = localDateTime(instant, zone);
  return isWorkingDay(local, hours) ? atClock(local.startOf('day'), hours.start).toJSDate() : null;
}
