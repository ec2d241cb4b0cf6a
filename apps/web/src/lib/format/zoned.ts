import type { WorkHours } from '@ct/contracts';
import { localParts, parseClock, zonedInstant } from '@ct/contracts/schedule';

/**
 * Calendar arithmetic in an IANA time zone with nothing but Intl: the browser's own zone never
 * matters, only the user's (or the contact's). Where a callback or a snooze lands is computed by
 * `@ct/contracts/schedule`, the code the API runs too.
 */

export {
  addDays,
  localParts,
  nextWorkingDaySlot,
  parseClock,
  snoozeTarget,
  tomorrowSlot,
  zonedInstant,
  type LocalParts,
} from '@ct/contracts/schedule';

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

/** The instant of a local date (YYYY-MM-DD) and clock time (HH:mm) in `zone`, or null if malformed. */
export function instantOf(isoDate: string, clock: string, zone: string): Date | null {
  const date = parseIsoDate(isoDate);
  const time = parseClock(clock);
  return date && time ? zonedInstant(date, time, zone) : null;
}

/** Whether the wall clock of `instant` in `zone` is on a working day, inside [start, end) of the hours. */
export function isWithinWorkHours(instant: Date, hours: WorkHours, zone: string): boolean {
  const p = localParts(instant, zone);
  if (!hours.days.includes(p.weekday)) return false;
  const clock = `${pad2(p.hour)}:${pad2(p.minute)}`;
  return clock >= hours.start && clock < hours.end;
}
