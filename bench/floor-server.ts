import Fastify from 'fastify';
import pg from 'pg';
import { createDatabase } from '@ct/db';
import { buildCallListQueries, type CallListFilters } from '../apps/api/src/modules/calls/calls.repository.ts';

/**
 * The floor of the GET /calls throughput figure (bench/calls.ts): a bare Fastify app — no plugin, no
 * authentication, no validation, no response schema, no logger — whose one route runs the very SQL
 * of GET /calls (the page and the count from `buildCallListQueries(…).toSQL()`, in parallel, as the
 * API does) through a node-postgres pool of the API's size, and sends the rows as JSON. The caller
 * names the user in `x-bench-user` (what the API learns from its session). Run as a child process:
 * FLOOR_DATABASE_URL, FLOOR_FILTERS (JSON CallListFilters, dates as ISO strings), PORT.
 */

const SENTINEL_USER = '00000000-0000-4000-8000-000000000000';

async function main() {
  const url = process.env.FLOOR_DATABASE_URL;
  if (!url) throw new Error('FLOOR_DATABASE_URL is required');
  const filters = JSON.parse(process.env.FLOOR_FILTERS ?? '{}') as CallListFilters;
  // The SQL text once, with a sentinel owner whose parameter slot each request fills in.
  const builder = await createDatabase({ url, poolMax: 1 });
  const queries = buildCallListQueries(builder.db, { userId: SENTINEL_USER }, filters);
  const page = queries.page.toSQL();
  const total = queries.total.toSQL();
  await builder.close();
  const withUser = (params: unknown[], userId: string) => params.map((p) => (p === SENTINEL_USER ? userId : p));

  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const app = Fastify({ logger: false });
  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/calls', async (request) => {
    const userId = String(request.headers['x-bench-user']);
    const [rows, count] = await Promise.all([
      pool.query(page.sql, withUser(page.params, userId)),
      pool.query<{ total: number }>(total.sql, withUser(total.params, userId)),
    ]);
    return { items: rows.rows, page: filters.page, pageSize: filters.pageSize, total: Number(count.rows[0]?.total ?? 0) };
  });
  await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
  const stop = () => void app.close().then(() => pool.end()).then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
