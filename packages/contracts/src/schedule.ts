/**
 * When a callback or a snooze lands, computed once for the API and the web app (zod-free, no date
 * library: Intl only). Calendar arithmetic happens in the user's IANA zone — the zone of the machine
 * never matters — and follows its DST changes: a 10:00 Paris slot is 09:00Z in winter and 08:00Z in
 * summer, and a wall-clock time skipped by a spring-forward change resolves forwards (02:30 → 03:30).
 */
import type { SnoozePreset } from './enums.ts';

/** Work days (ISO weekdays, 1 = Monday … 7 = Sunday) and [start, end) as HH:mm. */
export interface WorkWeek {
  days: readonly number[];
  start: string;
  end: string;
}

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export interface LocalParts extends CalendarDate {
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
 * resolves forwards (02:30 on a spring-forward night → 03:30).
 */
export function zonedInstant(date: CalendarDate, time: { hour: number; minute: number }, zone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute);
  const first = wall - offsetAt(wall, zone);
  const second = wall - offsetAt(first, zone);
  if (first === second) return new Date(first);
  // The two guesses straddle a change: take the one whose wall clock is right, else the later one.
  const p = localParts(new Date(second), zone);
  return p.hour === time.hour && p.minute === time.minute ? new Date(second) : new Date(Math.max(first, second));
}

/** The calendar date `days` after a date (pure calendar arithmetic, no zone involved). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** The ISO weekday of a calendar date. */
export function weekdayOf(date: CalendarDate): number {
  const day = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** HH:mm (24 h) as numbers, or null when malformed. */
export function parseClock(value: string): { hour: number; minute: number } | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : null;
}

const clockOf = (hhmm: string) => parseClock(hhmm) ?? { hour: 9, minute: 0 };

/**
 * The callback slot after `from` (a no-answer's automatic callback, the `next_working_day` snooze):
 * the default slot — clamped into the work hours, else their start — on the next working day, never
 * the same day, never a non-working day.
 */
export function nextWorkingDaySlot(from: Date, slot: string, hours: WorkWeek, zone: string): Date {
  const time = slot >= hours.start && slot < hours.end ? slot : hours.start;
  let day = addDays(localParts(from, zone), 1);
  for (let i = 0; i < 14 && !hours.days.includes(weekdayOf(day)); i++) day = addDays(day, 1);
  return zonedInstant(day, clockOf(time), zone);
}

/** The default slot on the next calendar day (the `tomorrow` snooze preset). */
export function tomorrowSlot(from: Date, slot: string, zone: string): Date {
  return zonedInstant(addDays(localParts(from, zone), 1), clockOf(slot), zone);
}

/** What a snooze needs to know about its user. */
export interface SnoozePrefs {
  defaultReminderSlot: string;
  workHours: WorkWeek;
  timezone: string;
}

/** When a snooze preset moves a reminder to, from `now`. */
export function snoozeTarget(preset: SnoozePreset, now: Date, prefs: SnoozePrefs): Date {
  switch (preset) {
    case '10m':
      return new Date(now.getTime() + 10 * 60_000);
    case '1h':
      return new Date(now.getTime() + 60 * 60_000);
    case 'tomorrow':
      return tomorrowSlot(now, prefs.defaultReminderSlot, prefs.timezone);
    case 'next_working_day':
      return nextWorkingDaySlot(now, prefs.defaultReminderSlot, prefs.workHours, prefs.timezone);
  }
}
