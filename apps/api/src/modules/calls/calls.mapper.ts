import { normalizePhone, type Call, type CallHistoryEntry } from '@ct/contracts';
import type { callStatusHistory, calls } from '@ct/db';

export type CallRow = typeof calls.$inferSelect;
export type HistoryRow = typeof callStatusHistory.$inferSelect;

interface PhoneDisplay {
  national: string;
  uri: string | null;
}

/**
 * National form and tel: URI derived from the stored E.164 (stable even if the user later changes
 * their default region). Parsing costs ~20 µs, so a page of 100 rows memoises it.
 */
const displayCache = new Map<string, PhoneDisplay>();
const DISPLAY_CACHE_MAX = 20_000;

export function phoneDisplay(phone: string, e164: string | null): PhoneDisplay {
  if (!e164) return { national: phone.trim(), uri: null };
  let display = displayCache.get(e164);
  if (!display) {
    const parsed = normalizePhone(e164);
    display = { national: parsed.national, uri: parsed.uri };
    if (displayCache.size >= DISPLAY_CACHE_MAX) displayCache.clear();
    displayCache.set(e164, display);
  }
  return display;
}

/** The instants of a call row. */
export type CallInstant = 'lastCallAt' | 'nextReminderAt' | 'createdAt' | 'updatedAt' | 'deletedAt';

/** An instant as the API writes it: ISO 8601 in UTC with milliseconds (`Date#toISOString`). */
const iso = (value: Date | string) => (typeof value === 'string' ? value : value.toISOString());

const PG_UTC_TAIL = '+00';

/**
 * PostgreSQL's text form of a timestamptz in a UTC session (`2026-11-26 09:30:00.12+00`: trailing
 * zeros of the fraction dropped) as `Date#toISOString` would write it (`2026-11-26T09:30:00.120Z`,
 * milliseconds truncated like a Date's); anything else goes through a Date.
 */
export function isoFromDriver(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  const text = String(value);
  if (text.length >= 22 && text.charCodeAt(10) === 32 && text.endsWith(PG_UTC_TAIL) && text.charCodeAt(4) === 45) {
    const fraction = text.length > 22 && text.charCodeAt(19) === 46 ? text.slice(20, -3) : '';
    if (text.length === 22 || fraction.length > 0)
      return `${text.slice(0, 10)}T${text.slice(11, 19)}.${`${fraction}000`.slice(0, 3)}Z`;
  }
  return new Date(text).toISOString();
}

/** A call as the API shows it; the owner and the search text are never part of it. */
export function mapCall(
  row: Omit<CallRow, 'userId' | 'searchText' | CallInstant> & { [K in CallInstant]: CallRow[K] | string },
): Call {
  const display = phoneDisplay(row.phone, row.phoneE164);
  return {
    id: row.id,
    firstName: row.contactFirstName,
    lastName: row.contactLastName,
    phone: row.phone,
    phoneE164: row.phoneE164,
    phoneNational: display.national,
    phoneUri: display.uri,
    phoneValid: row.phoneValid,
    phoneFlagged: row.phoneFlagged,
    phoneFlagReason: row.phoneFlagReason,
    status: row.status,
    type: row.type,
    description: row.description,
    lastCallAt: row.lastCallAt === null ? null : iso(row.lastCallAt),
    nextReminderAt: row.nextReminderAt === null ? null : iso(row.nextReminderAt),
    attempts: row.attempts,
    unansweredStreak: row.unansweredStreak,
    unreachable: row.unreachable,
    version: row.version,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    deletedAt: row.deletedAt === null ? null : iso(row.deletedAt),
    importId: row.importId,
    listId: row.listId,
    assigneeId: row.assigneeId,
  };
}

export function mapHistoryEntry(row: HistoryRow): CallHistoryEntry {
  return {
    id: row.id,
    status: row.status,
    note: row.note,
    occurredAt: row.occurredAt.toISOString(),
    createdBy: row.createdBy,
  };
}

/** "Hélène Dupré", or the phone when the contact has no name (notifications use it). */
export function contactName(row: Pick<CallRow, 'contactFirstName' | 'contactLastName' | 'phone'>): string {
  return `${row.contactFirstName} ${row.contactLastName}`.trim() || row.phone;
}
