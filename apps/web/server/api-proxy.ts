import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import { Pool, type Dispatcher } from 'undici';
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

/**
 * Headers this server has already acted on for its own connection: `Expect: 100-continue` was answered
 * by the web server itself (Node writes the 100), so the API gets the body without being asked again.
 */
const ANSWERED_HERE = new Set(['expect']);

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

/** Failures of a reused keep-alive socket that the API closed as we sent: the request never reached it. */
const STALE_SOCKET = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/** The API took too long to accept the connection or to start its answer. */
const TIMED_OUT = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'ETIMEDOUT']);

export interface ApiProxy {
  /** Whether a request URL is the API's (`/api`, `/api/…`, `/api?…`). */
  matches(url: string): boolean;
  handle(request: IncomingMessage, response: ServerResponse): void;
  close(): Promise<void>;
}

function connectionTokens(value: string | string[] | undefined): Set<string> | null {
  if (value === undefined) return null;
  const joined = Array.isArray(value) ? value.join(',') : value;
  // `keep-alive` and `close`, the usual values, name no other header.
  if (joined === 'keep-alive' || joined === 'close') return null;
  const tokens = new Set<string>();
  for (const token of joined.split(',')) {
    const name = token.trim().toLowerCase();
    if (name) tokens.add(name);
  }
  return tokens;
}

/** The headers sent to the API, as a flat [name, value, …] list: the client's, less the connection's and forwarding ones, plus ours. */
function requestHeaders(request: IncomingMessage, client: { address: string; secure: boolean }): string[] {
  const source = request.headers;
  const named = connectionTokens(source.connection);
  const headers: string[] = [];
  for (const name in source) {
    const value = source[name];
    if (value === undefined || HOP_BY_HOP.has(name) || FORWARDING.has(name) || ANSWERED_HERE.has(name)) continue;
    if (named?.has(name)) continue;
    if (typeof value === 'string') headers.push(name, value);
    else for (const item of value) headers.push(name, item);
  }
  headers.push('x-forwarded-for', client.address, 'x-forwarded-proto', client.secure ? 'https' : 'http');
  if (source.host) headers.push('x-forwarded-host', source.host);
  return headers;
}

/** The answer's headers as a flat [name, value, …] list (keeps repeated Set-Cookie), connection ones out. */
function responseHeaders(headers: IncomingHttpHeaders): string[] {
  const named = connectionTokens(headers.connection);
  const flat: string[] = [];
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || HOP_BY_HOP.has(name) || named?.has(name)) continue;
    if (typeof value === 'string') flat.push(name, value);
    else for (const item of value) flat.push(name, item);
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
 * The web origin's `/api/*`, streamed to the API on loopback (decisions 0007 and 0113). Bodies flow both
 * ways as they come — uploads, downloads and Server-Sent Events alike — over an undici keep-alive pool
 * (one request at a time per connection, as many connections as requests in flight). Each request is
 * one exchange on its own: a stream the API ends, a client that hangs up, or an API that answers before
 * the upload is over never leaves a half-used socket for the next request.
 */
export function createApiProxy(options: {
  target: URL;
  prefix?: string;
  resolveClient: ClientAddressResolver;
}): ApiProxy {
  const prefix = options.prefix ?? '/api';
  const pool = new Pool(options.target.origin, {
    // No pipelining: a slow answer never holds up the next request, and a socket carries one exchange.
    pipelining: 1,
    // As many sockets as requests in flight (node:http's agent did the same): notification streams hold
    // theirs for as long as they are open, and must not make other requests wait.
    connections: null,
    // Streams (SSE) stay quiet for minutes, and a slow report is the API's business: no timeouts of our own
    // on the answer. Connecting is on loopback: 10 s without a connection means the API is stuck.
    headersTimeout: 0,
    bodyTimeout: 0,
    connectTimeout: 10_000,
  });

  function forward(request: IncomingMessage, response: ServerResponse, attempt: number) {
    const client = options.resolveClient(request);
    const url = request.url ?? prefix;
    const path = url.length > prefix.length ? url.slice(prefix.length) : '/';
    const method = request.method ?? 'GET';
    const withBody = hasBody(request);
    // The upload reaches the API through a stream of ours, so that ending the upstream exchange (the API
    // answered early, or closed) never destroys the client's own request and its connection.
    const body = withBody ? new PassThrough() : null;
    let controller: Dispatcher.DispatchController | null = null;
    let answered = false;
    let ended = false;

    // The browser went away (a closed tab, an ended stream): end the exchange upstream as well.
    let clientGone = false;
    response.on('close', () => {
      if (ended || response.writableFinished) return;
      clientGone = true;
      controller?.abort(new Error('the client went away'));
    });
    // Backpressure: a slow client pauses the API's answer, its drain resumes it.
    response.on('drain', () => controller?.resume());

    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(started) {
        controller = started;
        // The browser left while the request waited for a socket.
        if (clientGone || response.destroyed) started.abort(new Error('the client went away'));
      },
      onResponseStart(_controller, statusCode, headers, statusMessage) {
        // An interim answer (103 Early Hints): the final one follows.
        if (statusCode < 200) return;
        answered = true;
        if (body && !request.complete) {
          // The API answered before the body was over (a 413, a 401): stop feeding it, read what the
          // client still sends and drop it, so that the answer is delivered instead of a reset.
          request.unpipe(body);
          body.end();
          let drained = 0;
          request.on('data', (chunk: Buffer) => {
            drained += chunk.length;
            if (drained > MAX_DRAIN_BYTES) request.socket.destroy();
          });
          request.resume();
        }
        response.writeHead(statusCode, statusMessage || undefined, responseHeaders(headers));
        // Server-Sent Events must reach the browser as they are written.
        const type = headers['content-type'];
        if (typeof type === 'string' && type.startsWith('text/event-stream')) response.flushHeaders();
      },
      onResponseData(paused, chunk) {
        if (!response.write(chunk)) paused.pause();
      },
      onResponseEnd() {
        ended = true;
        response.end();
      },
      onResponseError(_controller, err: Error & { code?: string }) {
        ended = true;
        // The answer is on its way (the API broke off, or the client left): end the browser's response.
        if (answered) {
          response.destroy();
          return;
        }
        if (clientGone || response.destroyed) return;
        // A kept-alive socket the API closed at the instant we reused it: safe to send again once when the
        // request has no body and cannot have had an effect twice.
        if (attempt === 0 && !withBody && IDEMPOTENT.has(method) && STALE_SOCKET.has(err.code ?? '')) {
          forward(request, response, 1);
          return;
        }
        if (TIMED_OUT.has(err.code ?? '')) {
          problem(response, 504, 'Gateway Timeout', 'The API did not answer in time.', 'api_timeout');
          return;
        }
        problem(response, 502, 'Bad Gateway', 'The API did not answer.', 'api_unreachable');
      },
    };

    if (body) request.pipe(body);
    pool.dispatch(
      {
        method,
        path: path.charCodeAt(0) === 47 /* / */ ? path : `/${path}`,
        headers: requestHeaders(request, client),
        body,
      },
      handler,
    );
  }

  return {
    matches: (url) =>
      url.startsWith(prefix) &&
      (url.length === prefix.length || url[prefix.length] === '/' || url[prefix.length] === '?'),
    handle: (request, response) => forward(request, response, 0),
    close: () => pool.destroy(),
  };
}
