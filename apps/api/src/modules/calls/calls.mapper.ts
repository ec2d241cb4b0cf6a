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

/** A call as the API shows it; the owner and the search text are never part of it. */
export function mapCall(row: Omit<CallRow, 'userId' | 'searchText'>): Call {
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
    lastCallAt: row.lastCallAt?.toISOString() ?? null,
    nextReminderAt: row.nextReminderAt?.toISOString() ?? null,
    attempts: row.attempts,
    unansweredStreak: row.unansweredStreak,
    unreachable: row.unreachable,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    deletedAt: row.deletedAt?.toISOString() ?? null,
    importId: row.importId,
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
