import { connect } from 'node:net';
import { count } from 'drizzle-orm';
import { imports } from '@ct/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, listenOnLoopback, type TestContext } from '../helpers/app.ts';
import { signedIn, type Agent } from '../helpers/client.ts';
import { createUser } from '../helpers/factories.ts';
import { generatedCsv, upload } from '../imports/helpers.ts';

/**
 * Bodies over their limit, sent to the API port over a real socket (inject would hide a server that
 * waits for the whole body): JSON over 1 MiB and an import over IMPORT_MAX_BYTES get a 413 problem
 * while the client still holds the rest of its body — a server that read on to the end would never
 * answer these requests, whose bodies are never finished. (What the client sends after the answer
 * is drained, not stored: plugins/unread-body.ts.)
 */
const IMPORT_MAX_BYTES = 64 * 1024;
const MiB = 1024 * 1024;
const ANSWER_WITHIN_MS = 10_000;

let t: TestContext;
let agent: Agent;
let port = 0;

beforeAll(async () => {
  t = await createTestApp({ env: { IMPORT_MAX_BYTES: String(IMPORT_MAX_BYTES) } });
  agent = await signedIn(t.app, await createUser(t.database));
  port = Number(new URL(await listenOnLoopback(t.app)).port);
});
afterAll(async () => t.close());

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The answer in `bytes` once it is complete (its head and Content-Length bytes of body), else undefined. */
function parseAnswer(bytes: Buffer): RawAnswer | undefined {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine = '', ...lines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  const body = bytes.subarray(end + 4);
  if (body.length < Number(headers['content-length'] ?? Infinity)) return undefined;
  return { status: Number(statusLine.split(' ')[1]), headers, body: body.toString('utf8') };
}

/**
 * Writes `head` and `chunks`, never the end of the body, and reads the answer. Fails after
 * ANSWER_WITHIN_MS: the server was waiting for the rest.
 */
function sendUnfinished(head: string, chunks: Buffer[]): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${ANSWER_WITHIN_MS} ms: the server waits for the rest of the body`));
    }, ANSWER_WITHIN_MS);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const answer = parseAnswer(received);
      if (!answer) return;
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    });
    // The server may cut a client off while it still writes: the answer is what counts.
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      const answer = parseAnswer(received);
      if (answer) resolve(answer);
      else reject(new Error(`the connection closed without a complete answer: ${received.toString('latin1')}`));
    });
    socket.write(head);
    for (const chunk of chunks) socket.write(chunk);
  });
}

function expectProblem(answer: RawAnswer, status: number) {
  expect(answer.status, answer.body).toBe(status);
  expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(answer.body) as { status: number; code: string; detail: string };
  expect(problem.status).toBe(status);
  return problem;
}

const chunk = (data: Buffer) =>
  Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')]);

function importHead(framing: string): string {
  const cookie = Object.entries(agent.cookies)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
  return [
    'POST /calls/import HTTP/1.1',
    'Host: 127.0.0.1',
    `Cookie: ${cookie}`,
    `x-csrf-token: ${agent.csrf}`,
    'Origin: http://localhost:3000',
    'Content-Type: multipart/form-data; boundary=LIMITS',
    framing,
    '',
    '',
  ].join('\r\n');
}

/** The start of a multipart body: the file part's headers, then `bytes` of CSV. */
function fileStart(bytes: number): Buffer {
  const head = 'Content-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n';
  const csv = generatedCsv(Math.ceil(bytes / 40)).subarray(0, bytes);
  return Buffer.concat([Buffer.from(`--LIMITS\r\n${head}`), csv]);
}

async function importCount(): Promise<number> {
  const [row] = await t.database.db.select({ n: count() }).from(imports);
  return row?.n ?? 0;
}

describe('JSON bodies over 1 MiB', () => {
  it('answers 413 problem+json from the Content-Length, before the body is sent', async () => {
    const answer = await sendUnfinished(
      `POST /auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${MiB + 1}\r\n\r\n`,
      [Buffer.from('{"email":"a@b.test","password":"')],
    );
    expectProblem(answer, 413);
  });

  it('answers 413 problem+json to a chunked body as soon as it passes 1 MiB', async () => {
    const answer = await sendUnfinished(
      'POST /auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
      [chunk(Buffer.from('{"email":"a@b.test","password":"')), chunk(Buffer.alloc(MiB + 10, 'x'))],
    );
    expectProblem(answer, 413);
  });
});

describe('POST /calls/import over IMPORT_MAX_BYTES', () => {
  it('answers 413 at once from a Content-Length over the limit, before reading the file', async () => {
    const before = await importCount();
    const answer = await sendUnfinished(importHead(`Content-Length: ${50 * MiB}`), [fileStart(1024)]);
    expect(expectProblem(answer, 413)).toMatchObject({
      code: 'payload_too_large',
      detail: 'The file is larger than 64 KB, the limit (IMPORT_MAX_BYTES)',
    });
    expect(await importCount()).toBe(before);
  });

  it('answers 413 as soon as a chunked file passes the limit, without waiting for the rest', async () => {
    const before = await importCount();
    const answer = await sendUnfinished(importHead('Transfer-Encoding: chunked'), [
      chunk(fileStart(IMPORT_MAX_BYTES + 4096)),
    ]);
    expect(expectProblem(answer, 413).code).toBe('payload_too_large');
    expect(await importCount()).toBe(before);
  });

  it('answers 413 when the Content-Length understates a file over the limit, and imports the next file', async () => {
    const answer = await sendUnfinished(importHead(`Content-Length: ${IMPORT_MAX_BYTES + 1024}`), [
      fileStart(IMPORT_MAX_BYTES + 512),
    ]);
    expect(expectProblem(answer, 413).code).toBe('payload_too_large');
    const small = await upload(agent, generatedCsv(10));
    expect(small.statusCode, small.body).toBe(201);
  });
});
