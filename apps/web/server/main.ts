/**
 * The web origin: one Node process serving the Next.js app and streaming `/api/*` to the API
 * (decision 0007). `npm start` and the test script run it; `--dev` serves Next in development mode.
 *
 * Everything the browser sends reaches the API through `api-proxy.ts`, with the client's address written
 * by us (never the client's own X-Forwarded-For). Page requests take GET and HEAD only, and carry HSTS
 * when the app is served over HTTPS.
 */
import http from 'node:http';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import next from 'next';
import { createApiProxy } from './api-proxy.ts';
import { createClientAddressResolver, parseTrustedProxies } from './client-address.ts';
import { readWebServerEnv } from './web-env.ts';

const env = readWebServerEnv(process.env, process.argv.slice(2));
// Read by the server-side prefetch (src/lib/api/server-prefetch.ts), which runs in this process.
process.env.API_ORIGIN = env.apiOrigin.origin;

const resolveClient = createClientAddressResolver(parseTrustedProxies(env.trustedProxies));
const api = createApiProxy({ target: env.apiOrigin, resolveClient });
const PAGE_METHODS = 'GET, HEAD';
const HSTS = 'max-age=31536000; includeSubDomains';

const app = next({
  dev: env.dev,
  dir: resolve(dirname(fileURLToPath(import.meta.url)), '..'),
  hostname: env.host,
  port: env.port,
});
const handlePage = app.getRequestHandler();
await app.prepare();

const server = http.createServer((request, response) => {
  if (api.matches(request.url ?? '/')) {
    api.handle(request, response);
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, {
      allow: PAGE_METHODS,
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
    });
    response.end('Method Not Allowed\n');
    return;
  }
  // Server-rendered pages ask the API in the visitor's name: they pass on the address we resolved, so
  // that the API's per-client limits and audit rows see the visitor, not this server.
  request.headers['x-forwarded-for'] = resolveClient(request).address;
  if (env.secure) response.setHeader('strict-transport-security', HSTS);
  handlePage(request, response).catch((err: unknown) => {
    process.stderr.write(`web: ${request.method} ${request.url}: ${err instanceof Error ? err.stack : String(err)}\n`);
    if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    response.end();
  });
});
if (env.dev) {
  const upgrade = app.getUpgradeHandler();
  server.on('upgrade', (request, socket, head) => void upgrade(request, socket, head));
}
// Longer than the browsers' idle keep-alive, shorter than the API's (a socket is closed by its client first).
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

server.listen(env.port, env.host, () => {
  process.stdout.write(`web: listening on http://${env.host}:${env.port} (API ${env.apiOrigin.origin})\n`);
});

function shutdown() {
  server.close(() => {
    void Promise.allSettled([api.close(), app.close()]).finally(() => process.exit(0));
  });
  server.closeIdleConnections();
  // Streams (SSE) hold their sockets open: give in-flight requests a moment, then end what is left.
  setTimeout(() => server.closeAllConnections(), 2_000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
