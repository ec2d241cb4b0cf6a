import type { WorkHours } from '@ct/contracts';

/**
 * Calendar arithmetic in an IANA time zone with nothing but Intl (the API does the same with luxon, see
 * apps/api/src/lib/time.ts): the browser's own zone never matters, only the user's (or the contact's).
 */

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

function partsFormatter(zone: string) {
  let formatter = partsFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    partsFormatters.set(zone, formatter);
  }
  return formatter;
}

/** The wall-clock reading of `instant` in `zone`. */
export function localParts(instant: Date, zone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const part of partsFormatter(zone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS[parts.weekday ?? 'Mon'] ?? 1,
  };
}

/** Milliseconds `zone` is ahead of UTC at `instant`. */
function offsetAt(instant: number, zone: string): number {
  const p = localParts(new Date(instant), zone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a wall clock in `zone` reads the given date and time. A time skipped by a DST change
 * resolves forwards (02:30 on a spring-forward night → 03:30), like luxon on the API.
 */
export function zonedInstant(
  date: { year: number; month: number; day: number },
  time: { hour: number; minute: number },
  zone: string,
): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute);
  const first = wall - offsetAt(wall, zone);
  const second = wall - offsetAt(first, zone);
  if (first === second) return new Date(first);
  // The two guesses straddle a change: take the one whose wall clock is right, else the later one.
  const p = localParts(new Date(second), zone);
  return p.hour === time.hour && p.minute === time.minute ? new Date(second) : new Date(Math.max(first, second));
}

export function pad2(value: number) {
  return String(value).padStart(2, '0');
}

/** YYYY-MM-DD of `instant` in `zone`. */
export function isoDateIn(instant: Date, zone: string): string {
  const p = localParts(instant, zone);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
}

/** HH:mm (24 h) of `instant` in `zone`, the value an `<input type="time">` takes. */
export function clockIn(instant: Date, zone: string): string {
  const p = localParts(instant, zone);
  return `${pad2(p.hour)}:${pad2(p.minute)}`;
}

export function parseIsoDate(value: string): { year: number; month: number; day: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

export function parseClock(value: string): { hour: number; minute: number } | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : null;
}

/** The instant of a local date (YYYY-MM-DD) and clock time (HH:mm) in `zone`, or null if malformed. */
export function instantOf(isoDate: string, clock: string, zone: string): Date | null {
  const date = parseIsoDate(isoDate);
  const time = parseClock(clock);
  return date && time ? zonedInstant(date, time, zone) : null;
}

/** The calendar date `days` after a date (pure calendar arithmetic, no zone involved). */
export function addDays(date: { year: number; month: number; day: number }, days: number) {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

function weekdayOf(date: { year: number; month: number; day: number }) {
  const day = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Whether the wall clock of `instant` in `zone` is on a working day, inside [start, end) of the hours. */
export function isWithinWorkHours(instant: Date, hours: WorkHours, zone: string): boolean {
  const p = localParts(instant, zone);
  if (!hours.days.includes(p.weekday)) return false;
  const clock = `${pad2(p.hour)}:${pad2(p.minute)}`;
  return clock >= hours.start && clock < hours.end;
}

/**
 * The callback the API places for a no-answer (apps/api/src/lib/time.ts › nextWorkingDaySlot): the
 * default slot — clamped into the work hours — on the next working day, never the same day.
 */
export function nextWorkingDaySlot(from: Date, slot: string, hours: WorkHours, zone: string): Date {
  const time = slot >= hours.start && slot < hours.end ? slot : hours.start;
  const today = localParts(from, zone);
  let day = addDays(today, 1);
  for (let i = 0; i < 14 && !hours.days.includes(weekdayOf(day)); i++) day = addDays(day, 1);
  return zonedInstant(day, parseClock(time) ?? { hour: 9, minute: 0 }, zone);
}

/** The default slot tomorrow (the `tomorrow` snooze preset). */
export function tomorrowSlot(from: Date, slot: string, zone: string): Date {
  return zonedInstant(addDays(localParts(from, zone), 1), parseClock(slot) ?? { hour: 9, minute: 0 }, zone);
}
