import { createReadStream } from 'node:fs';
import { parse, type CsvError } from 'csv-parse';
import iconv from 'iconv-lite';
import type { ImportDelimiter } from '@ct/contracts';
import { AppError } from '../../lib/errors.ts';
import type { EncodingGuess } from './csv-sniff.ts';

/** One record of the file; `line` is the physical line where it starts (1 = first line). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** A record over this size is refused (a whole file in one unclosed quote, a binary blob). */
const MAX_RECORD_CHARS = 256 * 1024;
const NEWLINES = /\r\n|\r|\n/g;

function countNewlines(text: string): number {
  NEWLINES.lastIndex = 0;
  let n = 0;
  while (NEWLINES.exec(text)) n++;
  return n;
}

/**
 * Streams the spooled file through the decoder and csv-parse: one record at a time, so memory does
 * not grow with the file. Blank lines are dropped; a row with too many or too few cells is yielded as
 * it is (an error for that row, judged by the caller). Stray quotes inside a field are kept as text;
 * a quote left open to the end of the file is an error for the file (every row after it was
 * swallowed), reported with the line where the record starts.
 */
export async function* readRecords(
  path: string,
  guess: EncodingGuess,
  delimiter: ImportDelimiter,
): AsyncGenerator<CsvRecord> {
  const source = createReadStream(path, { start: guess.bomLength, highWaterMark: 64 * 1024 });
  const decoder = iconv.decodeStream(guess.codec, { stripBOM: true });
  const parser = parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    raw: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  source.on('error', (err) => parser.destroy(err));
  decoder.on('error', (err: Error) => parser.destroy(err));
  source.pipe(decoder).pipe(parser);

  let line = 1;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; raw: string }>) {
      const start = line;
      line += countNewlines(item.raw);
      if (item.record.every((c) => c.trim() === '')) continue;
      yield { line: start, cells: item.record };
    }
  } catch (err) {
    const code = (err as CsvError).code;
    if (code === 'CSV_QUOTE_NOT_CLOSED') {
      throw new AppError(
        'bad_request',
        `Line ${line}: a quote (") opened in this row is never closed, so the rest of the file cannot be read`,
      );
    }
    if (code === 'CSV_MAX_RECORD_SIZE') {
      throw new AppError(
        'bad_request',
        `Line ${line}: a row longer than ${MAX_RECORD_CHARS / 1024} K characters; is a quote (") left open?`,
      );
    }
    if (typeof code === 'string' && code.startsWith('CSV_'))
      throw new AppError('bad_request', `Line ${line}: unreadable CSV (${(err as Error).message})`);
    throw err;
  } finally {
    source.destroy();
  }
}
