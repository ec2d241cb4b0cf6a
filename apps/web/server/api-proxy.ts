import http, { type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { ClientAddressResolver } from './client-address.ts';

/** Headers that describe one connection, not the message: never forwarded (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** What a client may claim about where it comes from: dropped, then written by us. */
const FORWARDING = new Set([
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-port',
  'x-real-ip',
  'x-client-ip',
  'true-client-ip',
]);

/** A body still arriving after the API has answered (a 413, say) is read and dropped up to this much. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface ApiProxy {
  /** Whether a request URL is the API's (`/api`, `/api/…`, `/api?…`). */
  matches(url: string): boolean;
  handle(request: IncomingMessage, response: ServerResponse): void;
  close(): void;
}

function connectionTokens(value: string | string[] | undefined): Set<string> {
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  return new Set(
    joined
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  );
}

function requestHeaders(request: IncomingMessage, client: { address: string; secure: boolean }): OutgoingHttpHeaders {
  const named = connectionTokens(request.headers.connection);
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || FORWARDING.has(name) || named.has(name)) continue;
    headers[name] = value;
  }
  headers['x-forwarded-for'] = client.address;
  headers['x-forwarded-proto'] = client.secure ? 'https' : 'http';
  if (request.headers.host) headers['x-forwarded-host'] = request.headers.host;
  return headers;
}

/** The answer's headers as a flat [name, value, …] list (keeps repeated Set-Cookie), connection ones out. */
function responseHeaders(answer: IncomingMessage): string[] {
  const named = connectionTokens(answer.headers.connection);
  const flat: string[] = [];
  for (let i = 0; i < answer.rawHeaders.length; i += 2) {
    const name = answer.rawHeaders[i] ?? '';
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower) || named.has(lower)) continue;
    flat.push(name, answer.rawHeaders[i + 1] ?? '');
  }
  return flat;
}

function problem(response: ServerResponse, status: number, title: string, detail: string, code: string) {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const body = JSON.stringify({ type: 'about:blank', title, status, detail, code });
  response.writeHead(status, {
    'content-type': 'application/problem+json',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  response.end(body);
}

function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * The web origin's `/api/*`, streamed to the API on loopback (decision 0007). Bodies flow both ways as
 * they come — uploads, downloads and Server-Sent Events alike — over a keep-alive pool. Each request is
 * one exchange on its own: a stream the API ends, a client that hangs up, or an API that answers before
 * the upload is over never leaves a half-used socket for the next request.
 */
export function createApiProxy(options: {
  target: URL;
  prefix?: string;
  resolveClient: ClientAddressResolver;
}): ApiProxy {
  const prefix = options.prefix ?? '/api';
  const { hostname, port } = options.target;
  // LIFO keeps a few warm sockets busy instead of spreading requests over many that may be idling out.
  const agent = new http.Agent({ keepAlive: true, scheduling: 'lifo', maxFreeSockets: 64 });

  function forward(request: IncomingMessage, response: ServerResponse, attempt: number) {
    const client = options.resolveClient(request);
    const path = (request.url ?? prefix).slice(prefix.length) || '/';
    const withBody = hasBody(request);
    let answered = false;

    const upstream = http.request({
      agent,
      hostname,
      port,
      method: request.method,
      path: path.startsWith('/') ? path : `/${path}`,
      headers: requestHeaders(request, client),
    });

    upstream.on('response', (answer) => {
      answered = true;
      if (withBody && !request.complete) {
        // The API answered before the body was over (a 413, a 401): stop feeding it, read what the
        // client still sends and drop it, so that the answer is delivered instead of a reset.
        request.unpipe(upstream);
        let drained = 0;
        request.on('data', (chunk: Buffer) => {
          drained += chunk.length;
          if (drained > MAX_DRAIN_BYTES) request.socket.destroy();
        });
        request.resume();
      }
      response.writeHead(answer.statusCode ?? 502, answer.statusMessage, responseHeaders(answer));
      // Server-Sent Events must reach the browser as they are written.
      if (String(answer.headers['content-type'] ?? '').startsWith('text/event-stream')) response.flushHeaders();
      answer.pipe(response);
      answer.on('error', () => response.destroy());
      answer.on('aborted', () => response.destroy());
    });

    upstream.on('error', (err: NodeJS.ErrnoException) => {
      // The answer is on its way or done (its own events end the response): an upload cut short
      // after it is not the client's concern.
      if (answered) return;
      // A kept-alive socket the API closed at the instant we reused it: safe to send again once when the
      // request has no body and cannot have had an effect twice.
      if (
        upstream.reusedSocket &&
        attempt === 0 &&
        !withBody &&
        IDEMPOTENT.has(request.method ?? '') &&
        err.code === 'ECONNRESET'
      ) {
        forward(request, response, 1);
        return;
      }
      problem(response, 502, 'Bad Gateway', 'The API did not answer.', 'api_unreachable');
    });

    // The browser went away (a closed tab, an ended stream): end the exchange upstream as well.
    response.on('close', () => {
      if (!response.writableFinished) upstream.destroy();
    });

    if (withBody) request.pipe(upstream);
    else upstream.end();
  }

  return {
    matches: (url) => url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`),
    handle: (request, response) => forward(request, response, 0),
    close: () => agent.destroy(),
  };
}
