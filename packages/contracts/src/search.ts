/** Lowercase, strip accents and collapse spaces: "Hélène  DUPRÉ" → "helene dupre". */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The text `q` searches for one call: folded names and description, plus the phone's digits in E.164
 * (33612345678) and national (0612345678) forms so any way of typing the number finds it.
 */
export function buildSearchText(fields: {
  firstName: string;
  lastName: string;
  description: string;
  phone: string;
  phoneE164: string | null;
}): string {
  const digits = new Set<string>();
  const raw = fields.phone.replace(/\D/g, '');
  if (raw) digits.add(raw);
  if (fields.phoneE164) {
    const e164 = fields.phoneE164.replace(/\D/g, '');
    digits.add(e164);
    if (e164.startsWith('33')) digits.add(`0${e164.slice(2)}`);
  }
  return foldText(
    [fields.firstName, fields.lastName, fields.description.slice(0, 2000), ...digits].join(' '),
  );
}

/**
 * Turns a user's query into the folded text to look for. A query that is mostly a phone number
 * ("06 12 34 56 78", "+33 6…", "0033 6…") becomes its digits in national form.
 */
export function foldQuery(q: string): string {
  const trimmed = q.trim();
  if (/^[+\d][\d\s().\-/]{3,}$/.test(trimmed)) {
    let digits = trimmed.replace(/\D/g, '');
    if (digits.startsWith('0033')) digits = `0${digits.slice(4)}`;
    else if (digits.startsWith('33') && trimmed.startsWith('+')) digits = `0${digits.slice(2)}`;
    return digits;
  }
  return foldText(trimmed);
}
