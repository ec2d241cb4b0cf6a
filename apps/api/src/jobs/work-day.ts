import type { Recipient } from '../modules/notifications/index.ts';
import { localDate, localDateTime, workDayStart } from '../lib/time.ts';

export interface WorkDayStart {
  /** The instant work starts today in the user's zone. */
  start: Date;
  /** Today's local date (YYYY-MM-DD): the per-user period of the day's notifications. */
  date: string;
  /** ISO weekday of today, 1 = Monday. */
  weekday: number;
}

/**
 * The user's start of work today, if today is one of their working days and it fell in (since, now]
 * — the window the current run covers. DST-safe: 09:00 Paris is 08:00Z in winter, 07:00Z in summer.
 */
export function workStartWithin(recipient: Recipient, since: Date, now: Date): WorkDayStart | null {
  const { workHours } = recipient.settings;
  const start = workDayStart(now, workHours, recipient.timezone);
  if (!start || start <= since || start > now) return null;
  return { start, date: localDate(now, recipient.timezone), weekday: localDateTime(now, recipient.timezone).weekday };
}

/** Weekly digests go out on the first working day of the user's week. */
export function isFirstWorkingDay(recipient: Recipient, weekday: number): boolean {
  return weekday === Math.min(...recipient.settings.workHours.days);
}
