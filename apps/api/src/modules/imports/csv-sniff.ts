import chardet from 'chardet';
import iconv from 'iconv-lite';
import type { ImportDelimiter, ImportEncoding } from '@ct/contracts';
import { AppError } from '../../lib/errors.ts';
import type { SpooledFile } from './upload-spool.ts';

/** Signatures of formats people upload by mistake instead of a CSV. */
const MAGIC: { name: string; bytes: number[] }[] = [
  { name: 'PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'PDF document', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { name: 'Excel workbook or ZIP archive (save it as CSV first)', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'Excel 97-2003 workbook (save it as CSV first)', bytes: [0xd0, 0xcf, 0x11, 0xe0] },
  { name: 'gzip archive', bytes: [0x1f, 0x8b] },
  { name: 'executable', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { name: 'WebP/RIFF file', bytes: [0x52, 0x49, 0x46, 0x46] },
];

function startsWith(buf: Buffer, bytes: number[]) {
  return bytes.every((b, i) => buf[i] === b);
}

export interface EncodingGuess {
  encoding: ImportEncoding;
  /** iconv-lite name used to decode. */
  codec: string;
  /** Bytes to skip at the start (the BOM). */
  bomLength: number;
}

/**
 * Refuses what is not text (415) and picks the encoding: a BOM wins; then UTF-16 without BOM (NUL
 * every other byte); then "the whole file is valid UTF-8" (checked while spooling); otherwise an
 * 8-bit Western encoding — Windows-1252 when bytes 0x80–0x9F occur (€, œ, curly quotes: Excel on
 * Windows), else ISO-8859-1, unless chardet is confident of another single-byte Latin encoding.
 */
export function detectEncoding(file: SpooledFile, forced?: ImportEncoding): EncodingGuess {
  const sample = file.sample;
  if (file.size === 0) throw new AppError('bad_request', 'The file is empty');
  for (const magic of MAGIC) {
    if (startsWith(sample, magic.bytes))
      throw new AppError('unsupported_media_type', `This is not a CSV file: it looks like a ${magic.name}`);
  }

  let guess: EncodingGuess;
  if (startsWith(sample, [0xef, 0xbb, 0xbf])) guess = { encoding: 'utf-8', codec: 'utf8', bomLength: 3 };
  else if (startsWith(sample, [0xff, 0xfe])) guess = { encoding: 'utf-16le', codec: 'utf16le', bomLength: 2 };
  else if (startsWith(sample, [0xfe, 0xff])) guess = { encoding: 'utf-16be', codec: 'utf16be', bomLength: 2 };
  else guess = guessWithoutBom(file);
  if (forced && forced !== guess.encoding) {
    const bom =
      guess.encoding.startsWith('utf') && guess.bomLength > 0 && forced.startsWith('utf') ? guess.bomLength : 0;
    guess = { encoding: forced, codec: codecOf(forced), bomLength: bom };
  }

  assertText(sample.subarray(guess.bomLength), guess, file);
  return guess;
}

function codecOf(encoding: ImportEncoding): string {
  return {
    'utf-8': 'utf8',
    'utf-16le': 'utf16le',
    'utf-16be': 'utf16be',
    'windows-1252': 'win1252',
    'iso-8859-1': 'latin1',
  }[encoding];
}

function guessWithoutBom(file: SpooledFile): EncodingGuess {
  const sample = file.sample;
  const pairs = Math.floor(Math.min(sample.length, 4096) / 2);
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs; i++) {
    if (sample[2 * i] === 0) evenNul++;
    if (sample[2 * i + 1] === 0) oddNul++;
  }
  // ASCII-range text in UTF-16: one byte of each pair is NUL.
  if (pairs >= 4 && oddNul > pairs * 0.6 && evenNul < pairs * 0.1)
    return { encoding: 'utf-16le', codec: 'utf16le', bomLength: 0 };
  if (pairs >= 4 && evenNul > pairs * 0.6 && oddNul < pairs * 0.1)
    return { encoding: 'utf-16be', codec: 'utf16be', bomLength: 0 };
  if (file.validUtf8) return { encoding: 'utf-8', codec: 'utf8', bomLength: 0 };
  if (file.hasC1Bytes) return { encoding: 'windows-1252', codec: 'win1252', bomLength: 0 };
  const detected = chardet.detect(sample)?.toLowerCase() ?? '';
  // Any other single-byte guess for French/English data is chardet's noise: Western Europe it is.
  return detected === 'windows-1252'
    ? { encoding: 'windows-1252', codec: 'win1252', bomLength: 0 }
    : { encoding: 'iso-8859-1', codec: 'latin1', bomLength: 0 };
}

/**
 * Text has almost no control characters. A file that is mostly control bytes is binary (415); a
 * text file with a NUL byte is corrupt (400, naming where).
 */
function assertText(sample: Buffer, guess: EncodingGuess, file: SpooledFile) {
  const text = iconv.decode(sample, guess.codec, { stripBOM: false });
  let controls = 0;
  let nulAt = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0 && nulAt < 0) nulAt = i;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1a) || c === 0xfffd) controls++;
  }
  if (text.length > 0 && controls / text.length > 0.05) {
    throw new AppError('unsupported_media_type', 'This is not a text file (CSV expected)');
  }
  if (nulAt >= 0) {
    const line = text.slice(0, nulAt).split(/\r\n|\r|\n/).length;
    throw new AppError('bad_request', `The file contains a NUL byte (line ${line}); it is not a valid CSV`);
  }
  if (!guess.encoding.startsWith('utf-16') && file.firstNul >= 0) {
    throw new AppError('bad_request', `The file contains a NUL byte (at byte ${file.firstNul}); it is not a valid CSV`);
  }
}

const CANDIDATES: ImportDelimiter[] = [';', ',', '\t'];

/**
 * The delimiter that splits the first records into the same number of fields, preferring more
 * fields; quotes are respected (a `,` inside "Dupont, Jean" does not count). A one-column file has
 * none of them: comma then.
 */
export function detectDelimiter(text: string): ImportDelimiter {
  const zero = () => new Map<ImportDelimiter, number>(CANDIDATES.map((d) => [d, 0]));
  const records: Map<ImportDelimiter, number>[] = [];
  let current = zero();
  let hasContent = false;
  let inQuotes = false;
  const endRecord = () => {
    if (hasContent) records.push(current);
    current = zero();
    hasContent = false;
  };
  for (let i = 0; i < text.length && records.length < 30; i++) {
    const ch = text[i]!;
    if (ch === '"') {
      inQuotes = !inQuotes;
      hasContent = true;
    } else if (inQuotes) continue;
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
    } else if (ch === ';' || ch === ',' || ch === '\t') {
      current.set(ch, current.get(ch)! + 1);
      hasContent = true;
    } else if (ch !== ' ') hasContent = true;
  }
  // The last record of the sample may be cut short: counted only when it is the only one.
  if (records.length === 0) endRecord();

  let best: { delimiter: ImportDelimiter; score: number } = { delimiter: ',', score: 0 };
  for (const d of CANDIDATES) {
    const header = records[0]?.get(d) ?? 0;
    if (header === 0) continue;
    const consistent = records.filter((r) => r.get(d) === header).length / records.length;
    const score = consistent * 1000 + header;
    if (score > best.score) best = { delimiter: d, score };
  }
  return best.delimiter;
}
