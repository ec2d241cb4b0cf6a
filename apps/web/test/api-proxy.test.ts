import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApiProxy, type ApiProxy } from '../server/api-proxy.ts';
import { createClientAddressResolver, parseTrustedProxies } from '../server/client-address.ts';

/**
 * The web origin's `/api` proxy (server/api-proxy.ts) between a raw client and a stand-in API, both on
 * loopback: what is forwarded, what is not, and how each side ending the exchange ends the other.
 * e2e/web-origin.spec.ts covers the same proxy in front of the real API.
 */

type Route = (request: IncomingMessage, response: ServerResponse) => void;
let route: Route = (_request, response) => response.end();
const seen: IncomingMessage[] = [];
let upstream: http.Server;
let web: http.Server;
let proxy: ApiProxy;
let webPort = 0;

const listen = (server: http.Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );

beforeAll(async () => {
  upstream = http.createServer((request, response) => {
    seen.push(request);
    route(request, response);
  });
  const apiPort = await listen(upstream);
  proxy = createApiProxy({
    target: new URL(`http://127.0.0.1:${apiPort}`),
    resolveClient: createClientAddressResolver(parseTrustedProxies(undefined)),
  });
  web = http.createServer((request, response) => {
    if (proxy.matches(request.url ?? '/')) proxy.handle(request, response);
    else response.writeHead(404).end();
  });
  webPort = await listen(web);
});

afterEach(() => {
  seen.length = 0;
});

afterAll(async () => {
  web.closeAllConnections();
  upstream.closeAllConnections();
  await proxy.close();
  await new Promise((resolve) => web.close(resolve));
  await new Promise((resolve) => upstream.close(resolve));
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  rawHeaders: string[];
  body: string;
}

function send(
  path: string,
  options: { method?: string; headers?: http.OutgoingHttpHeaders; body?: Buffer | string[] } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port: webPort,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            rawHeaders: response.rawHeaders,
            body: Buffer.concat(chunks).toString(),
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    if (Array.isArray(options.body)) {
      // A chunked upload, written piece by piece.
      for (const piece of options.body) request.write(piece);
      request.end();
    } else request.end(options.body);
  });
}

describe('the /api proxy', () => {
  it('matches /api, /api/… and /api?… only', () => {
    expect(proxy.matches('/api')).toBe(true);
    expect(proxy.matches('/api/calls?pageSize=50')).toBe(true);
    expect(proxy.matches('/api?x=1')).toBe(true);
    expect(proxy.matches('/apis')).toBe(false);
    expect(proxy.matches('/login')).toBe(false);
  });

  it('forwards the path and the headers, less the connection ones and the client’s forwarding claims', async () => {
    route = (_request, response) => response.end('ok');
    const answer = await send('/api/calls?pageSize=50', {
      headers: {
        cookie: 'ct_at=abc',
        'x-custom': 'kept',
        connection: 'keep-alive, x-secret',
        'x-secret': 'named by Connection',
        te: 'trailers',
        'proxy-authorization': 'Basic Zm9vOmJhcg==',
        'x-forwarded-for': '203.0.113.9',
        'x-real-ip': '203.0.113.9',
        forwarded: 'for=198.51.100.1',
        expect: '100-continue',
      },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('ok');
    const request = seen[0]!;
    expect(request.url).toBe('/calls?pageSize=50');
    expect(request.headers.cookie).toBe('ct_at=abc');
    expect(request.headers['x-custom']).toBe('kept');
    for (const name of ['x-secret', 'te', 'proxy-authorization', 'x-real-ip', 'forwarded', 'expect'])
      expect(request.headers[name], name).toBeUndefined();
    expect(request.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(request.headers['x-forwarded-proto']).toBe('http');
    expect(request.headers['x-forwarded-host']).toBe(`127.0.0.1:${webPort}`);
  });

  it('maps /api and /api?… to the API’s root', async () => {
    route = (_request, response) => response.end();
    await send('/api');
    await send('/api?probe=1');
    expect(seen.map((request) => request.url)).toEqual(['/', '/?probe=1']);
  });

  it('passes the answer back with its status, repeated Set-Cookie, and without its connection headers', async () => {
    route = (_request, response) => {
      response.writeHead(201, 'Created', [
        'Set-Cookie',
        'a=1; Path=/',
        'Set-Cookie',
        'b=2; Path=/',
        'Connection',
        'x-internal',
        'X-Internal',
        'hop',
        'Keep-Alive',
        'timeout=72',
        'Content-Type',
        'application/json',
      ]);
      response.end('{"id":1}');
    };
    const answer = await send('/api/calls', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.from('{}'),
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toBe('{"id":1}');
    expect(answer.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(answer.headers['x-internal']).toBeUndefined();
    expect(answer.headers['keep-alive']).not.toBe('timeout=72');
    expect(answer.headers['content-type']).toBe('application/json');
  });

  it('streams uploads to the API, with a length or chunked', async () => {
    route = (request, response) => {
      let bytes = 0;
      request.on('data', (chunk: Buffer) => (bytes += chunk.length));
      request.on('end', () => response.end(String(bytes)));
    };
    const big = Buffer.alloc(3 * 1024 * 1024, 'x');
    expect((await send('/api/calls/import', { method: 'POST', body: big })).body).toBe(String(big.length));
    const chunked = await send('/api/calls/import', { method: 'POST', body: ['abc', 'defg', 'h'] });
    // Sent on chunked, or with its length when the whole of it had arrived before undici wrote it.
    expect(chunked.body).toBe('8');
    // The API sees the browser's Host, as it would without the proxy.
    expect(seen[1]!.headers.host).toBe(`127.0.0.1:${webPort}`);
  });

  it('delivers an answer the API gives before the upload is over (a 413), instead of a reset', async () => {
    // As the API does (plugins/unread-body.ts): answer at once, then read the rest of the body and drop it.
    route = (request, response) => {
      response.writeHead(413, { 'content-type': 'application/problem+json' });
      response.end('{"status":413}');
      request.resume();
    };
    const answer = await send('/api/calls/import', { method: 'POST', body: Buffer.alloc(8 * 1024 * 1024, 'y') });
    expect(answer.status).toBe(413);
    expect(answer.body).toBe('{"status":413}');
    // The next request is served as usual.
    route = (_request, response) => response.end('next');
    expect((await send('/api/health')).body).toBe('next');
  });

  it('ends the API’s stream when the client hangs up', async () => {
    const upstreamClosed = new Promise<void>((resolve) => {
      route = (request, response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write(': open\n\n');
        request.socket.on('close', () => resolve());
        response.on('close', () => resolve());
      };
    });
    await new Promise<void>((resolve, reject) => {
      const request = http.get(
        { host: '127.0.0.1', port: webPort, path: '/api/me/notifications/stream', agent: false },
        (response) => {
          // The stream's headers and first event arrive as written, before any end.
          expect(response.headers['content-type']).toBe('text/event-stream');
          response.once('data', () => {
            request.destroy();
            resolve();
          });
        },
      );
      request.on('error', reject);
    });
    await upstreamClosed;
  });

  it('answers 502 problem+json when the API is not there', async () => {
    const closed = http.createServer();
    const port = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    const orphan = createApiProxy({
      target: new URL(`http://127.0.0.1:${port}`),
      resolveClient: createClientAddressResolver(parseTrustedProxies(undefined)),
    });
    const server = http.createServer((request, response) => orphan.handle(request, response));
    const serverPort = await listen(server);
    try {
      const answer = await new Promise<Answer>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port: serverPort, path: '/api/health', agent: false }, (response) => {
            let body = '';
            response.on('data', (chunk: Buffer) => (body += chunk.toString()));
            response.on('end', () =>
              resolve({
                status: response.statusCode ?? 0,
                headers: response.headers,
                rawHeaders: response.rawHeaders,
                body,
              }),
            );
          })
          .on('error', reject);
      });
      expect(answer.status).toBe(502);
      expect(answer.headers['content-type']).toBe('application/problem+json');
      expect(JSON.parse(answer.body)).toMatchObject({ status: 502, code: 'api_unreachable' });
    } finally {
      await orphan.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
