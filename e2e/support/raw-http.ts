import http from 'node:http';

/**
 * Plain HTTP from a chosen loopback address (127.0.0.2, 127.0.0.3…: all of 127.0.0.0/8 is this machine),
 * so that a test can play several distinct clients of the web origin, each on a fresh connection.
 */
export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: <T = Record<string, unknown>>() => T;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** The client's own address (the socket's source). */
  from?: string;
  /** The origin to send to: the web origin by default. */
  origin?: string;
  timeoutMs?: number;
}

export function webOrigin(): string {
  return process.env.E2E_BASE_URL || 'http://127.0.0.1:3000';
}

export function send(request: RawRequest): Promise<RawResponse> {
  const target = new URL(request.path, request.origin ?? webOrigin());
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: request.method ?? 'GET',
        headers: {
          ...(request.body !== undefined ? { 'content-length': String(Buffer.byteLength(request.body)) } : {}),
          ...request.headers,
        },
        localAddress: request.from ?? '127.0.0.1',
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) });
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(request.timeoutMs ?? 20_000, () =>
      req.destroy(new Error(`${request.method ?? 'GET'} ${request.path}: no answer`)),
    );
    req.on('error', reject);
    req.end(request.body);
  });
}

/** `name=value` pairs of a response's Set-Cookie headers, as a Cookie header (cleared ones left out). */
export function cookieHeader(response: RawResponse): string {
  return (response.headers['set-cookie'] ?? [])
    .map((line) => line.split(';')[0] ?? '')
    .filter((pair) => !pair.endsWith('='))
    .join('; ');
}

export function csrfFrom(response: RawResponse): string {
  const token = /(?:^|;\s*)csrf_token=([^;]+)/.exec(cookieHeader(response))?.[1];
  if (!token) throw new Error(`no csrf_token cookie in ${response.status} ${response.body.slice(0, 200)}`);
  return decodeURIComponent(token);
}

/** A JSON POST from `from`, the way a script (not a browser) would send it. */
export function postJson(path: string, data: unknown, options: Omit<RawRequest, 'path' | 'body' | 'method'> = {}) {
  return send({
    ...options,
    method: 'POST',
    path,
    body: JSON.stringify(data),
    headers: { 'content-type': 'application/json', ...options.headers },
  });
}
