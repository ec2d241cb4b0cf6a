import { IMPORT_FIELD_LABELS, IMPORT_FIELDS, type ImportField, type ImportMapping } from '@ct/contracts';

/** Lowercase, no accents, punctuation as spaces: "N° de Téléphone" → "n de telephone". */
export function foldHeader(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Column titles people actually use, French and English, folded. The export's own titles
 * (IMPORT_FIELD_LABELS) are added below, so an exported file always maps back.
 */
const SYNONYMS: Record<ImportField, string[]> = {
  firstName: [
    'prenom',
    'prenoms',
    'first name',
    'firstname',
    'given name',
    'forename',
    'prenom du contact',
    'contact first name',
  ],
  lastName: [
    'nom',
    'nom de famille',
    'last name',
    'lastname',
    'surname',
    'family name',
    'nom du contact',
    'contact last name',
  ],
  fullName: [
    'nom complet',
    'contact',
    'name',
    'full name',
    'fullname',
    'nom et prenom',
    'prenom et nom',
    'nom prenom',
    'prenom nom',
    'contact name',
    'interlocuteur',
  ],
  phone: [
    'telephone',
    'tel',
    'portable',
    'mobile',
    'numero',
    'numero de telephone',
    'num tel',
    'no tel',
    'n tel',
    'tel portable',
    'telephone portable',
    'telephone mobile',
    'tel mobile',
    'gsm',
    'phone',
    'phone number',
    'telephone number',
    'cell',
    'cell phone',
    'mobile phone',
    'number',
    'phone 1 value',
  ],
  status: ['statut', 'etat', 'status', 'state', 'resultat', 'result', 'outcome'],
  type: ['type', 'type d appel', 'objet', 'motif', 'categorie', 'purpose', 'category', 'call type'],
  description: [
    'description',
    'commentaire',
    'commentaires',
    'notes',
    'note',
    'remarque',
    'remarques',
    'observations',
    'comment',
    'comments',
    'details',
  ],
  lastCallAt: [
    'dernier appel',
    'date dernier appel',
    'date du dernier appel',
    'appele le',
    'date d appel',
    'last call',
    'last called',
    'last call at',
    'last call date',
    'called at',
  ],
  nextReminderAt: [
    'prochain rappel',
    'rappel',
    'date de rappel',
    'a rappeler le',
    'rappeler le',
    'relance',
    'date de relance',
    'next reminder',
    'reminder',
    'callback',
    'call back',
    'next call',
    'follow up date',
    'callback date',
  ],
};
for (const field of IMPORT_FIELDS) {
  for (const label of Object.values(IMPORT_FIELD_LABELS[field])) {
    const folded = foldHeader(label);
    if (!SYNONYMS[field].includes(folded)) SYNONYMS[field].push(folded);
  }
}

const EXACT = new Map<string, ImportField>();
for (const field of IMPORT_FIELDS) for (const s of SYNONYMS[field]) if (!EXACT.has(s)) EXACT.set(s, field);
/** Multi-word synonyms first: "date du dernier appel" before "appel". */
const CONTAINED = [...EXACT.entries()].filter(([s]) => s.length >= 3).sort((a, b) => b[0].length - a[0].length);

/** Header titles made unique and non-empty: "" → "Colonne 3", a second "Tél" → "Tél (2)". */
export function normaliseHeaders(raw: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((cell, i) => {
    const base = cell.trim() || `Colonne ${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n > 1 ? `${base} (${n})` : base;
  });
}

/**
 * Header → field. Exact (folded) matches first, then headers containing a synonym as whole words
 * ("Date du dernier appel"); each field is fed by one column at most (the first). The client's
 * explicit mapping wins over the guess, header by header.
 */
export function guessMapping(
  headers: readonly string[],
  explicit: ImportMapping = {},
): Record<string, ImportField | null> {
  const mapping: Record<string, ImportField | null> = {};
  const taken = new Set<ImportField>();
  const explicitByFolded = new Map(Object.entries(explicit).map(([h, f]) => [foldHeader(h), f] as const));
  const explicitFor = (header: string) =>
    header in explicit ? explicit[header] : explicitByFolded.get(foldHeader(header));

  for (const header of headers) {
    const forced = explicitFor(header);
    if (forced === undefined) continue;
    mapping[header] = forced && !taken.has(forced) ? forced : null;
    if (forced) taken.add(forced);
  }
  const open = () => headers.filter((h) => !(h in mapping));
  for (const header of open()) {
    const field = EXACT.get(foldHeader(header));
    if (field && !taken.has(field)) {
      mapping[header] = field;
      taken.add(field);
    }
  }
  for (const header of open()) {
    const padded = ` ${foldHeader(header)} `;
    const hit = CONTAINED.find(([s, field]) => !taken.has(field) && padded.includes(` ${s} `));
    mapping[header] = hit ? hit[1] : null;
    if (hit) taken.add(hit[1]);
  }
  // A full-name column is only used when first and last names have no column of their own.
  if (taken.has('fullName') && (taken.has('firstName') || taken.has('lastName'))) {
    for (const h of headers) if (mapping[h] === 'fullName' && explicitFor(h) !== 'fullName') mapping[h] = null;
  }
  return Object.fromEntries(headers.map((h) => [h, mapping[h] ?? null]));
}

/** Required fields no column feeds. */
export function missingFields(mapping: Record<string, ImportField | null>): ImportField[] {
  return Object.values(mapping).includes('phone') ? [] : ['phone'];
}
