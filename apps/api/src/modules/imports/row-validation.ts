import { DateTime } from 'luxon';
import {
  CALL_DESCRIPTION_MAX,
  CALL_NAME_MAX,
  CALL_PHONE_MAX,
  CALL_STATUS_LABELS,
  CALL_STATUSES,
  CALL_TYPE_LABELS,
  CALL_TYPES,
  callCreateSchema,
  isYearInDateRange,
  type CallStatus,
  type CallType,
  type DateFormat,
  type ImportField,
  type ImportIssueCode,
  type ImportRowIssue,
  type Language,
} from '@ct/contracts';
import { prepareCallValues, type PreparedCall } from '../calls/index.ts';
import { foldHeader } from './csv-mapping.ts';

/** What a valid row holds, ready to become a call. */
export interface RowValues {
  firstName: string;
  lastName: string;
  phone: string;
  status: CallStatus;
  type: CallType;
  description: string;
  lastCallAt: Date | null;
  nextReminderAt: Date | null;
  /** Fields the row actually gave (an update only overwrites these). */
  given: Set<ImportField>;
  /** The call columns, as `POST /calls` computes them (phone normalised once, here). */
  prepared: PreparedCall & { phoneE164: string };
}

export interface RowContext {
  language: Language;
  region: string;
  timezone: string;
  dateFormat: DateFormat;
  now: Date;
  /** "HH:mm" used for a reminder given as a date without time. */
  reminderSlot: string;
}

export type RowResult = { ok: true; values: RowValues } | { ok: false; issues: ImportRowIssue[] };

const MESSAGES: Record<ImportIssueCode, { fr: (a: string) => string; en: (a: string) => string }> = {
  columns_mismatch: { fr: (a) => `Nombre de colonnes incorrect : ${a}`, en: (a) => `Wrong number of columns: ${a}` },
  phone_missing: { fr: () => 'Le téléphone est obligatoire', en: () => 'A phone number is required' },
  phone_invalid: { fr: (a) => `« ${a} » n'est pas un numéro de téléphone`, en: (a) => `"${a}" is not a phone number` },
  status_unknown: {
    fr: (a) => `Statut inconnu « ${a} » (attendu : ${CALL_STATUSES.map((s) => CALL_STATUS_LABELS[s].fr).join(', ')})`,
    en: (a) => `Unknown status "${a}" (expected: ${CALL_STATUSES.map((s) => CALL_STATUS_LABELS[s].en).join(', ')})`,
  },
  type_unknown: {
    fr: (a) => `Type inconnu « ${a} » (attendu : ${CALL_TYPES.map((t) => CALL_TYPE_LABELS[t].fr).join(', ')})`,
    en: (a) => `Unknown type "${a}" (expected: ${CALL_TYPES.map((t) => CALL_TYPE_LABELS[t].en).join(', ')})`,
  },
  date_invalid: {
    fr: (a) => `Date illisible « ${a} » (attendu : jj/mm/aaaa, aaaa-mm-jj ou ISO 8601, heure facultative)`,
    en: (a) => `Unreadable date "${a}" (expected dd/MM/yyyy, yyyy-MM-dd or ISO 8601, time optional)`,
  },
  date_in_future: {
    fr: (a) => `Le dernier appel ne peut pas être dans le futur (${a})`,
    en: (a) => `The last call cannot be in the future (${a})`,
  },
  too_long: { fr: (a) => `Trop long (${a} caractères au plus)`, en: (a) => `Too long (at most ${a} characters)` },
  invalid: { fr: (a) => `Valeur invalide : ${a}`, en: (a) => `Invalid value: ${a}` },
  duplicate_in_file: { fr: (a) => `Même téléphone qu'à la ligne ${a}`, en: (a) => `Same phone as line ${a}` },
  duplicate_existing: {
    fr: (a) => `Ce téléphone est déjà dans vos appels (${a})`,
    en: (a) => `This phone is already in your calls (${a})`,
  },
};

export function issueMessage(code: ImportIssueCode, language: Language, arg = ''): string {
  return MESSAGES[code][language](arg);
}

/** Codes, French and English labels, folded, plus a few words people write. */
const STATUS_WORDS = new Map<string, CallStatus>();
for (const s of CALL_STATUSES)
  for (const w of [s, s.replace(/_/g, ' '), CALL_STATUS_LABELS[s].fr, CALL_STATUS_LABELS[s].en])
    STATUS_WORDS.set(foldHeader(w), s);
for (const [w, s] of [
  ['nouveau', 'to_call'],
  ['new', 'to_call'],
  ['a faire', 'to_call'],
  ['todo', 'to_call'],
  ['nrp', 'no_answer'],
  ['ne repond pas', 'no_answer'],
  ['injoignable', 'no_answer'],
  ['repondeur', 'voicemail'],
  ['message laisse', 'voicemail'],
  ['rappeler', 'callback'],
  ['rappel', 'callback'],
  ['call back', 'callback'],
  ['contacte', 'reached'],
  ['contact etabli', 'reached'],
  ['pas interesse', 'not_interested'],
  ['refus', 'not_interested'],
  ['mauvais numero', 'wrong_number'],
  ['numero errone', 'wrong_number'],
  ['termine', 'done'],
  ['fini', 'done'],
  ['clos', 'done'],
] as const)
  STATUS_WORDS.set(w, s);

const TYPE_WORDS = new Map<string, CallType>();
for (const t of CALL_TYPES)
  for (const w of [t, t.replace(/_/g, ' '), CALL_TYPE_LABELS[t].fr, CALL_TYPE_LABELS[t].en])
    TYPE_WORDS.set(foldHeader(w), t);
for (const [w, t] of [
  ['prospect', 'prospecting'],
  ['relance', 'follow_up'],
  ['followup', 'follow_up'],
  ['sav', 'support'],
  ['assistance', 'support'],
  ['divers', 'other'],
] as const)
  TYPE_WORDS.set(w, t);

/**
 * An exported cell that began with = + - @ tab or CR was prefixed with `'` (formula neutralisation);
 * reading it back removes exactly that prefix, so export → import is a round trip.
 */
export function unneutralise(cell: string): string {
  return cell.length > 1 && cell[0] === "'" && /^[=+\-@\t\r]/.test(cell.slice(1)) ? cell.slice(1) : cell;
}

const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:[ T]+(\d{1,2})[:hH](\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;
const YMD = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ ]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;

/**
 * Local wall time in `zone` → epoch ms, or null when it is not a valid date. Luxon's zone arithmetic
 * costs ~25 µs (Intl) and a file repeats the same dates and times over and over, so results are
 * memoised per zone and wall time (bounded).
 */
const instants = new Map<string, number | null>();
const INSTANTS_MAX = 50_000;
function localToInstant(zone: string, ...wall: [number, number, number, number, number, number]): number | null {
  const key = `${zone} ${wall.join(' ')}`;
  let at = instants.get(key);
  if (at === undefined) {
    const [year, month, day, hour, minute, second] = wall;
    const local = DateTime.fromObject({ year, month, day, hour, minute, second }, { zone });
    at = local.isValid ? local.toMillis() : null;
    if (instants.size >= INSTANTS_MAX) instants.clear();
    instants.set(key, at);
  }
  return at;
}

/**
 * A date as people type it: dd/MM/yyyy (or MM/dd/yyyy when that is the user's format), with `/`,
 * `.` or `-`, two- or four-digit year; yyyy-MM-dd; an optional time (24h or am/pm); or ISO 8601 with
 * an offset. Local dates are in the user's zone. `dateOnly` tells whether a time was given. A year
 * outside the range the API accepts anywhere (DATE_MIN..DATE_MAX) makes the date unreadable.
 */
export function parseDate(raw: string, zone: string, dateFormat: DateFormat): { date: Date; dateOnly: boolean } | null {
  const text = raw.trim();
  let parts: [number, number, number, string?, string?, string?, string?] | null = null;
  const dmy = DMY.exec(text);
  if (dmy) {
    const [, a, b, y, h, mi, s, ampm] = dmy;
    const year = y!.length === 2 ? 2000 + Number(y) : Number(y);
    const monthFirst = dateFormat === 'MM/dd/yyyy';
    parts = [year, Number(monthFirst ? a : b), Number(monthFirst ? b : a), h, mi, s, ampm];
  } else {
    const ymd = YMD.exec(text);
    if (ymd) parts = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3]), ymd[4], ymd[5], ymd[6], ymd[7]];
  }
  if (parts) {
    const [year, month, day, h, mi, s, ampm] = parts;
    if (!isYearInDateRange(year)) return null;
    let hour = h === undefined ? 0 : Number(h);
    if (ampm) {
      if (hour < 1 || hour > 12) return null;
      hour = (hour % 12) + (/p/i.test(ampm) ? 12 : 0);
    }
    const at = localToInstant(
      zone,
      year,
      month,
      day,
      hour,
      mi === undefined ? 0 : Number(mi),
      s === undefined ? 0 : Number(s),
    );
    return at === null ? null : { date: new Date(at), dateOnly: h === undefined };
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(text) && isYearInDateRange(Number(text.slice(0, 4)))) {
    const iso = DateTime.fromISO(text, { zone });
    return iso.isValid ? { date: iso.toJSDate(), dateOnly: false } : null;
  }
  return null;
}

/** Column index → field, from the header mapping. */
export type ColumnFields = readonly (ImportField | null)[];

/**
 * Validates one data row like `POST /calls` would (same limits, same vocabulary), plus the import's
 * own columns (dates). Every problem of the row is reported, each naming its column.
 */
export function validateRow(
  cells: readonly string[],
  headers: readonly string[],
  columns: ColumnFields,
  ctx: RowContext,
): RowResult {
  const issues: ImportRowIssue[] = [];
  const issue = (code: ImportIssueCode, column: number | null, arg = '') =>
    issues.push({
      line: 0,
      column: column === null ? null : (headers[column] ?? null),
      field: column === null ? null : (columns[column] ?? null),
      code,
      message: issueMessage(code, ctx.language, arg),
    });

  if (cells.length < headers.length || cells.slice(headers.length).some((c) => c.trim() !== '')) {
    issue(
      'columns_mismatch',
      null,
      ctx.language === 'fr'
        ? `${cells.length} au lieu de ${headers.length}`
        : `${cells.length} instead of ${headers.length}`,
    );
    return { ok: false, issues };
  }

  const cell: Partial<Record<ImportField, { value: string; column: number }>> = {};
  columns.forEach((field, i) => {
    if (!field) return;
    const value = unneutralise(cells[i] ?? '').trim();
    if (value) cell[field] = { value, column: i };
  });
  const given = new Set(Object.keys(cell) as ImportField[]);

  let firstName = cell.firstName?.value ?? '';
  let lastName = cell.lastName?.value ?? '';
  if (cell.fullName && !cell.firstName && !cell.lastName) {
    const [first = '', ...rest] = cell.fullName.value.split(/\s+/);
    firstName = rest.length ? first : '';
    lastName = rest.length ? rest.join(' ') : first;
    given.add('firstName').add('lastName');
  }
  for (const [field, value, max] of [
    ['firstName', firstName, CALL_NAME_MAX],
    ['lastName', lastName, CALL_NAME_MAX],
  ] as const) {
    if (value.length > max) issue('too_long', (cell[field] ?? cell.fullName)?.column ?? null, String(max));
  }

  const phone = cell.phone?.value ?? '';
  if (!phone) issue('phone_missing', columns.indexOf('phone'));
  else if (phone.length > CALL_PHONE_MAX) issue('too_long', cell.phone!.column, String(CALL_PHONE_MAX));

  let status: CallStatus = 'to_call';
  if (cell.status) {
    const found = STATUS_WORDS.get(foldHeader(cell.status.value));
    if (found) status = found;
    else issue('status_unknown', cell.status.column, cell.status.value.slice(0, 60));
  }
  let type: CallType = 'prospecting';
  if (cell.type) {
    const found = TYPE_WORDS.get(foldHeader(cell.type.value));
    if (found) type = found;
    else issue('type_unknown', cell.type.column, cell.type.value.slice(0, 60));
  }

  const description = cell.description?.value ?? '';
  if (description.length > CALL_DESCRIPTION_MAX)
    issue('too_long', cell.description!.column, String(CALL_DESCRIPTION_MAX));

  let lastCallAt: Date | null = null;
  if (cell.lastCallAt) {
    const parsed = parseDate(cell.lastCallAt.value, ctx.timezone, ctx.dateFormat);
    if (!parsed) issue('date_invalid', cell.lastCallAt.column, cell.lastCallAt.value.slice(0, 60));
    else if (parsed.date.getTime() > ctx.now.getTime() + 5 * 60_000)
      issue('date_in_future', cell.lastCallAt.column, cell.lastCallAt.value);
    else lastCallAt = parsed.date;
  }
  let nextReminderAt: Date | null = null;
  if (cell.nextReminderAt) {
    const parsed = parseDate(cell.nextReminderAt.value, ctx.timezone, ctx.dateFormat);
    if (!parsed) issue('date_invalid', cell.nextReminderAt.column, cell.nextReminderAt.value.slice(0, 60));
    else if (parsed.dateOnly) {
      const [h, m] = ctx.reminderSlot.split(':').map(Number);
      nextReminderAt = DateTime.fromJSDate(parsed.date, { zone: ctx.timezone }).set({ hour: h, minute: m }).toJSDate();
    } else nextReminderAt = parsed.date;
  }

  // Normalised once, by the same function as POST /calls; a number that does not parse at all cannot
  // be deduplicated or dialled, so unlike a typed-in call it is refused here.
  let prepared: PreparedCall | null = null;
  if (phone && phone.length <= CALL_PHONE_MAX) {
    prepared = prepareCallValues({ firstName, lastName, phone, description, status, type }, ctx.region);
    if (!prepared.phoneE164) issue('phone_invalid', cell.phone!.column, phone.slice(0, 60));
  }

  if (issues.length > 0 || !prepared?.phoneE164) return { ok: false, issues };
  // The same schema as POST /calls, as a last guard (it never disagrees with the checks above).
  const checked = callCreateSchema.safeParse({ firstName, lastName, phone, status, type, description });
  if (!checked.success) {
    for (const i of checked.error.issues) issue('invalid', null, `${i.path.join('.')}: ${i.message}`);
    return { ok: false, issues };
  }
  return {
    ok: true,
    values: {
      firstName,
      lastName,
      phone,
      status,
      type,
      description,
      lastCallAt,
      nextReminderAt,
      given,
      prepared: Object.assign(prepared, { phoneE164: prepared.phoneE164 }),
    },
  };
}
