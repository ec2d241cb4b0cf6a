#!/usr/bin/env node
// `npm start`: builds the web app if needed, starts the API (migrates, seeds the embedded demo) and the
// web app, and stops both on Ctrl-C. `--dev` runs both in watch mode instead.
import { buildWebIfNeeded, run, runWebServer, stopAll, waitForChildren, waitForHttp } from './lib.mjs';

const dev = process.argv.includes('--dev');
const webPort = process.env.PORT || '3000';
const apiPort = process.env.API_PORT || '4000';
const webHost = process.env.HOST || '127.0.0.1';
const env = {
  NEXT_TELEMETRY_DISABLED: '1',
  API_PORT: apiPort,
  WEB_PORT: webPort,
  // The web server is the API's only client: trust the X-Forwarded-For it sets (it writes the browser's
  // address itself, never passing on one a client sent), so limits and audit rows see each user's address.
  TRUST_PROXY: process.env.TRUST_PROXY || '127.0.0.1',
  APP_ORIGINS: process.env.APP_ORIGINS || `http://localhost:${webPort},http://127.0.0.1:${webPort}`,
};

let stopping = false;
function shutdown(code) {
  if (stopping) return;
  stopping = true;
  stopAll('SIGTERM');
  waitForChildren().then(() => process.exit(code));
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

try {
  if (!dev) await buildWebIfNeeded();
  const api = run(process.execPath, ['--import', 'tsx', ...(dev ? ['--watch'] : []), 'apps/api/src/server.ts'], { env });
  api.on('exit', (code) => shutdown(code ?? 1));
  await waitForHttp(`http://127.0.0.1:${apiPort}/health`, { child: api });
  const web = runWebServer({ host: webHost, port: webPort, apiPort, dev, env });
  web.on('exit', (code) => shutdown(code ?? 1));
  await waitForHttp(`http://${webHost}:${webPort}/login`, { child: web });
  process.stdout.write(
    [
      '',
      `Call Tracking is running: http://localhost:${webPort}`,
      `  API  http://127.0.0.1:${apiPort}  (OpenAPI: /openapi.json, docs: /docs)`,
      process.env.DATABASE_URL ? '  Database: PostgreSQL (DATABASE_URL)' : `  Database: embedded PGlite in ${process.env.DATA_DIR || './data'}`,
      process.env.DATABASE_URL ? '' : '  Demo logins: demo@example.com / demo1234 (user), admin@example.com / admin1234 (admin)',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  shutdown(1);
}
