import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';

/**
 * CSV/formula injection (OWASP): a cell a spreadsheet would read as a formula — starting with
 * = + - @, tab or CR (or NUL) — is prefixed with `'`, which spreadsheets show as text. The import
 * strips exactly this prefix again (row-validation.ts `unneutralise`), so the round trip holds.
 */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r\0]/.test(cell) ? `'${cell}` : cell;
}

/**
 * Streams rows as CSV: UTF-8 with a BOM (Excel then reads accents right), CRLF line ends, every
 * cell neutralised. `rows` is pulled lazily, so memory holds one page, not the file.
 */
export function csvStream(header: string[], rows: AsyncIterable<string[]>, delimiter: string): Readable {
  const stringifier = stringify({ delimiter, bom: true, record_delimiter: 'windows', quoted_string: false });
  const source = Readable.from(
    (async function* () {
      yield header.map(neutralise);
      for await (const row of rows) yield row.map(neutralise);
    })(),
  );
  source.on('error', (err) => stringifier.destroy(err));
  return source.pipe(stringifier);
}

/**
 * A Content-Disposition that cannot break the header: an ASCII fallback name without quotes,
 * separators or control characters, and the UTF-8 name in RFC 5987 form.
 */
export function attachment(name: string): string {
  const ascii =
    name
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^[._]+/, '')
      .slice(0, 120) || 'export.csv';
  const utf8 = encodeURIComponent(name.replace(/[\p{Cc}"\\/]/gu, '_').slice(0, 120)).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

/** The client's filename reduced to a display name: no path, no control characters, bounded. */
export function displayName(filename: string | undefined): string {
  const base = (filename ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base
    .replace(/\p{Cc}/gu, '')
    .trim()
    .slice(0, 200);
  return clean || 'import.csv';
}
