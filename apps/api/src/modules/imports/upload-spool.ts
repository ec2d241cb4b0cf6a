import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Bytes kept from the start of the file for sniffing (binary check, encoding, delimiter, header). */
export const SAMPLE_BYTES = 64 * 1024;

/**
 * What the upload pass learned about the bytes, without keeping them in memory: the file itself is
 * spooled to a temporary file under a generated name (the client's filename never touches the disk).
 */
export interface SpooledFile {
  path: string;
  size: number;
  /** sha256 of the raw bytes: the idempotency key of "the same file". */
  sha256: string;
  sample: Buffer;
  /** The whole file is valid UTF-8 (an ASCII file is). */
  validUtf8: boolean;
  /** Bytes 0x80–0x9F seen: Windows-1252 rather than ISO-8859-1 when the file is not UTF-8. */
  hasC1Bytes: boolean;
  /** Offset of the first NUL byte, or -1 (meaningful for 8-bit encodings only). */
  firstNul: number;
  remove(): Promise<void>;
}

/** Streams `source` to a temporary file, hashing and inspecting it on the way; memory stays flat. */
export async function spoolUpload(source: Readable, dir = tmpdir()): Promise<SpooledFile> {
  const path = join(dir, `ct-import-${randomUUID()}.csv`);
  const hash = createHash('sha256');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const sampleChunks: Buffer[] = [];
  let sampleSize = 0;
  let size = 0;
  let validUtf8 = true;
  let hasC1Bytes = false;
  let firstNul = -1;

  const inspect = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      if (sampleSize < SAMPLE_BYTES) {
        const part = chunk.subarray(0, SAMPLE_BYTES - sampleSize);
        sampleChunks.push(part);
        sampleSize += part.length;
      }
      if (validUtf8) {
        try {
          utf8.decode(chunk, { stream: true });
        } catch {
          validUtf8 = false;
        }
      }
      if (!hasC1Bytes || firstNul < 0) {
        for (let i = 0; i < chunk.length; i++) {
          const byte = chunk[i]!;
          if (byte >= 0x80 && byte <= 0x9f) hasC1Bytes = true;
          else if (byte === 0 && firstNul < 0) firstNul = size + i;
        }
      }
      size += chunk.length;
      done(null, chunk);
    },
    flush(done) {
      if (validUtf8) {
        try {
          utf8.decode();
        } catch {
          validUtf8 = false;
        }
      }
      done();
    },
  });

  const remove = () => rm(path, { force: true });
  try {
    await pipeline(source, inspect, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
  } catch (err) {
    await remove();
    throw err;
  }
  return {
    path,
    size,
    sha256: hash.digest('hex'),
    sample: Buffer.concat(sampleChunks),
    validUtf8,
    hasC1Bytes,
    firstNul,
    remove,
  };
}
