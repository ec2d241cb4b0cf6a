import type { DateFormat, Language, TimeFormat } from '@ct/contracts';
import { addDays, isoDateIn, localParts, pad2, parseIsoDate } from './zoned';

/** The profile fields that decide how dates and times read (GET /me). */
export interface FormatPrefs {
  language: Language;
  timezone: string;
  dateFormat: DateFormat;
  timeFormat: TimeFormat;
}

type Instant = Date | string;

const toDate = (value: Instant) => (typeof value === 'string' ? new Date(value) : value);

const RELATIVE_DAY: Record<Language, { today: string; tomorrow: string; yesterday: string }> = {
  fr: { today: 'Aujourd’hui', tomorrow: 'Demain', yesterday: 'Hier' },
  en: { today: 'Today', tomorrow: 'Tomorrow', yesterday: 'Yesterday' },
};

function dateString(parts: { year: number; month: number; day: number }, format: DateFormat) {
  const dd = pad2(parts.day);
  const mm = pad2(parts.month);
  const yyyy = String(parts.year);
  switch (format) {
    case 'dd/MM/yyyy':
      return `${dd}/${mm}/${yyyy}`;
    case 'MM/dd/yyyy':
      return `${mm}/${dd}/${yyyy}`;
    case 'yyyy-MM-dd':
      return `${yyyy}-${mm}-${dd}`;
    case 'dd.MM.yyyy':
      return `${dd}.${mm}.${yyyy}`;
  }
}

function timeString(parts: { hour: number; minute: number }, format: TimeFormat) {
  if (format === '24h') return `${pad2(parts.hour)}:${pad2(parts.minute)}`;
  const hour12 = parts.hour % 12 === 0 ? 12 : parts.hour % 12;
  return `${hour12}:${pad2(parts.minute)} ${parts.hour < 12 ? 'AM' : 'PM'}`;
}

/**
 * Every date and time the app shows, in the user's time zone and formats. Built once per user
 * (see useFormatter); pure, so it works the same on the server and in the browser.
 */
export function createFormatter(prefs: FormatPrefs) {
  const { language, timezone: zone, dateFormat, timeFormat } = prefs;
  const locale = language === 'fr' ? 'fr-FR' : 'en-GB';
  const weekdayMonth = new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  });
  const utcWeekdayMonth = new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });

  const formatter = {
    zone,
    language,
    /** 26/11/2026 (per dateFormat). */
    date: (value: Instant) => dateString(localParts(toDate(value), zone), dateFormat),
    /** A local calendar date given as YYYY-MM-DD, per dateFormat. */
    isoDate: (value: string) => {
      const parts = parseIsoDate(value);
      return parts ? dateString(parts, dateFormat) : value;
    },
    /** 14:05 or 2:05 PM (per timeFormat). */
    time: (value: Instant) => timeString(localParts(toDate(value), zone), timeFormat),
    /** The time of an instant on another zone's clock (a contact's local time). */
    timeIn: (value: Instant, otherZone: string) => timeString(localParts(toDate(value), otherZone), timeFormat),
    /** A clock time HH:mm shown per timeFormat. */
    clock: (value: string) => {
      const [hour, minute] = value.split(':').map(Number);
      return timeString({ hour: hour ?? 0, minute: minute ?? 0 }, timeFormat);
    },
    /** 26/11/2026 14:05 */
    dateTime: (value: Instant) => `${formatter.date(value)} ${formatter.time(value)}`,
    /** jeudi 26 novembre */
    longDay: (value: Instant) => weekdayMonth.format(toDate(value)),
    /** jeudi 26 novembre, for a local calendar date YYYY-MM-DD. */
    longIsoDay: (value: string) => {
      const parts = parseIsoDate(value);
      return parts ? utcWeekdayMonth.format(Date.UTC(parts.year, parts.month - 1, parts.day, 12)) : value;
    },
    /** YYYY-MM-DD of the instant in the user's zone. */
    localDate: (value: Instant) => isoDateIn(toDate(value), zone),
    /** "Aujourd’hui", "Demain", "Hier", or the date. */
    day: (value: Instant, now: Date = new Date()) => {
      const target = isoDateIn(toDate(value), zone);
      const today = localParts(now, zone);
      const labels = RELATIVE_DAY[language];
      const iso = (d: { year: number; month: number; day: number }) => `${d.year}-${pad2(d.month)}-${pad2(d.day)}`;
      if (target === iso(today)) return labels.today;
      if (target === iso(addDays(today, 1))) return labels.tomorrow;
      if (target === iso(addDays(today, -1))) return labels.yesterday;
      return formatter.date(value);
    },
    /** "Aujourd’hui 14:05", "Demain 10:00", "24/11/2026 09:30". */
    dayTime: (value: Instant, now: Date = new Date()) => `${formatter.day(value, now)} ${formatter.time(value)}`,
    /** "dans 5 min", "il y a 2 h", "dans 3 j". */
    relative: (value: Instant, now: Date = new Date()) => {
      const seconds = (toDate(value).getTime() - now.getTime()) / 1000;
      const abs = Math.abs(seconds);
      if (abs < 60) return relative.format(Math.round(seconds), 'second');
      if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
      if (abs < 86_400) return relative.format(Math.round(seconds / 3600), 'hour');
      return relative.format(Math.round(seconds / 86_400), 'day');
    },
    /** A number in the user's language (1 234). */
    number: (value: number) => value.toLocaleString(locale),
  };
  return formatter;
}

export type Formatter = ReturnType<typeof createFormatter>;
