import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, listenOnLoopback, type TestContext } from '../helpers/app.ts';

/**
 * Raw HTTP/1.1 on one socket: the request is written whole (as a proxy streaming an upload would),
 * then the answers are read. With a connection closed on unread bytes, the kernel resets it and the
 * client loses the answer, or cannot send the next request.
 */
function exchange(origin: string, requests: Buffer[]): Promise<string> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer')));
    for (const request of requests) socket.write(request);
  });
}

function post(path: string, body: Buffer, close = false) {
  return Buffer.concat([
    Buffer.from(
      `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n${close ? 'Connection: close\r\n' : ''}\r\n`,
    ),
    body,
  ]);
}

describe('an answer given before the body was read', () => {
  let t: TestContext;
  let origin: string;
  beforeAll(async () => {
    t = await createTestApp();
    origin = await listenOnLoopback(t.app);
  });
  afterAll(() => t.close());

  it('answers 413 to a JSON body over the limit, reads the rest, and keeps the connection for the next request', async () => {
    const huge = Buffer.from(JSON.stringify({ email: 'someone@example.com', password: 'x'.repeat(2 * 1024 * 1024) }));
    const answers = await exchange(origin, [
      post('/auth/login', huge),
      Buffer.from('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'),
    ]);
    const statuses = [...answers.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));
    expect(statuses).toEqual([413, 200]);
    expect(answers).toContain('application/problem+json');
    expect(answers.split('\r\n\r\n')[0]).not.toMatch(/^connection: close$/im);
  });

  it('does the same for a chunked body that grows past the limit while it is read', async () => {
    const chunk = Buffer.alloc(256 * 1024, 'x');
    const parts = [
      Buffer.from(
        'POST /auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
      ),
    ];
    parts.push(Buffer.from(`a\r\n{"email":"\r\n`));
    for (let i = 0; i < 12; i++)
      parts.push(Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n'));
    parts.push(
      Buffer.from('0\r\n\r\n'),
      Buffer.from('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'),
    );
    const answers = await exchange(origin, parts);
    const statuses = [...answers.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));
    expect(statuses).toEqual([413, 200]);
  });
});
