import Fastify from 'fastify';
import pg from 'pg';
import { FLOOR_SENTINEL_USER, type FloorRoute } from './processes.ts';

/**
 * The floor of a throughput figure: a bare Fastify app — no plugin, no authentication, no validation,
 * no response schema, no logger — whose routes each run the very SQL of one API route (the queries its
 * repository builds, `.toSQL()`, in parallel as the API runs them) through a node-postgres pool of the
 * API's size, and send the rows as JSON. A route answers at its exact path and query string. Where a
 * query names FLOOR_SENTINEL_USER, the request's `x-bench-user` takes its place (what the API learns
 * from its session). Run as a child process: FLOOR_DATABASE_URL, FLOOR_ROUTES (JSON FloorRoute[]), PORT.
 */

async function main() {
  const url = process.env.FLOOR_DATABASE_URL;
  if (!url) throw new Error('FLOOR_DATABASE_URL is required');
  const routes = new Map(
    (JSON.parse(process.env.FLOOR_ROUTES ?? '[]') as FloorRoute[]).map((route) => [route.path, route.queries]),
  );
  const withUser = (params: unknown[], userId: string | undefined) =>
    userId ? params.map((p) => (p === FLOOR_SENTINEL_USER ? userId : p)) : params;

  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const app = Fastify({ logger: false });
  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/*', async (request, reply) => {
    const queries = routes.get(request.url);
    if (!queries) return reply.code(404).send({ error: `no floor route for ${request.url}` });
    const userId = request.headers['x-bench-user'] as string | undefined;
    const [first, ...others] = await Promise.all(queries.map((q) => pool.query(q.sql, withUser(q.params, userId))));
    return { items: first?.rows ?? [], others: others.map((r) => r.rows) };
  });
  await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
  const stop = () =>
    void app
      .close()
      .then(() => pool.end())
      .then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
