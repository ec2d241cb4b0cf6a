import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createDatabase } from '@ct/db';
import { seedDemo } from '@ct/db/seed';
import { buildApp, loggerOptions } from './app.ts';
import { loadEnv } from './env.ts';

/** Process entry: open and migrate the database, seed the embedded demo, listen, shut down gracefully. */
async function main() {
  const env = loadEnv();
  if (typeof env.generatedSecrets === 'object' && env.generatedSecrets?.created)
    process.stdout.write(
      `Generated the development secrets in ${env.generatedSecrets.path} (kept for the next starts)\n`,
    );
  const dataDir = resolve(env.DATA_DIR, 'pglite');
  if (env.isEmbedded) mkdirSync(dataDir, { recursive: true });
  const database = await createDatabase({
    url: env.DATABASE_URL,
    dataDir: env.isEmbedded ? dataDir : undefined,
    statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
    connectionTimeoutMs: env.DB_CONNECT_TIMEOUT_MS,
    // Idle-connection errors (a database restart) are logged; the pool reconnects on the next query.
    onError: (err) => process.stderr.write(`database connection error: ${err.message}\n`),
  });
  await database.migrate();

  // Demo data lives only on the embedded default (or when explicitly asked), never in production.
  if ((env.isEmbedded || env.SEED_DEMO) && env.NODE_ENV !== 'production') {
    const seeded = await seedDemo(database.db, { onlyIfEmpty: true });
    if (seeded)
      process.stdout.write(
        'Seeded demo data: demo@example.com / demo1234 (user), admin@example.com / admin1234 (admin)\n',
      );
  }

  const app = await buildApp({ env, database, ownsDatabase: true, logger: loggerOptions(env) });
  await app.listen({ host: env.API_HOST, port: env.API_PORT });

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      app.log.error('graceful shutdown timed out');
      process.exit(1);
    }, 10_000);
    timer.unref();
    // Fastify closes idle keep-alive connections only when close() starts: one whose request was in
    // flight then stays open once answered, holding close() for keepAliveTimeout (72 s; fastify#7044).
    const reaper = setInterval(() => app.server.closeIdleConnections(), 200);
    reaper.unref();
    app
      ?.close()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        app.log.error({ err }, 'error during shutdown');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
