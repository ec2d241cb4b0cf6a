import { sql } from 'drizzle-orm';
import type { Database, Executor } from '@ct/db';

/**
 * Planner statistics that follow the data (docs/decisions/0018-planner-statistics-follow-the-data.md).
 *
 * A bulk change leaves the planner with the statistics of the table before it: right after 100,000
 * rows were imported it still estimated one row for a status and sorted 14,286; the visibility map of
 * the new pages is not set either, so the list's count fetched every row from the heap. PostgreSQL's
 * autovacuum catches up in its own time, PGlite has none. So every bulk change ends with a refresh of
 * the tables it touched, and the embedded database also refreshes on a schedule (`analyzeStaleTables`).
 */

/** The tables a bulk change may leave stale (a closed list: the names go into SQL as they are). */
export type StatTable = 'calls' | 'reminders' | 'call_status_history' | 'sessions' | 'refresh_tokens' | 'job_runs';

/**
 * `VACUUM (ANALYZE)` of the tables (or ANALYZE only, for a change that wrote no dead rows and set no
 * visibility to catch up). VACUUM cannot run inside a transaction: call it after the change committed,
 * on the database itself. It reads only the pages the change wrote (the rest are marked all-visible
 * already), so its cost follows the change, not the table. A failure is the caller's to log: the change
 * itself is done.
 */
export async function refreshStatistics(
  database: Pick<Database, 'db'>,
  tables: readonly StatTable[],
  options: { vacuum: boolean },
): Promise<void> {
  const list = sql.raw(tables.join(', '));
  await database.db.execute(options.vacuum ? sql`vacuum (analyze) ${list}` : sql`analyze ${list}`);
}

/**
 * The tables of the schema whose statistics counter is past autovacuum's threshold for it: 50 rows +
 * `scale` × the table's rows. The counts come from the statistics system, which PGlite flushes about
 * once a second.
 */
async function tablesPast(db: Executor, counter: 'n_mod_since_analyze' | 'n_dead_tup', scale: number) {
  const result = await db.execute<{ table: string }>(sql`
    select s.relname as table
      from pg_stat_user_tables s
      join pg_class c on c.oid = s.relid
     where s.schemaname = current_schema()
       and s.${sql.raw(counter)} > 50 + ${scale} * greatest(c.reltuples, 0)
     order by s.relname`);
  return (result as unknown as { rows: { table: string }[] }).rows.map((r) => r.table);
}

/**
 * ANALYZE of each table written to enough since its last analysis — autovacuum's own threshold,
 * 50 rows + 10 % of the table — for a database without autovacuum (PGlite). Returns the tables analyzed.
 */
export async function analyzeStaleTables(db: Executor): Promise<string[]> {
  const stale = await tablesPast(db, 'n_mod_since_analyze', 0.1);
  for (const table of stale) await db.execute(sql`analyze ${sql.identifier(table)}`);
  return stale;
}

/**
 * VACUUM of each table holding enough dead rows — autovacuum's threshold, 50 rows + 20 % of the table —
 * for a database without autovacuum (PGlite); outside any transaction. Returns the tables vacuumed.
 */
export async function vacuumDeadTables(database: Pick<Database, 'db'>): Promise<string[]> {
  const dead = await tablesPast(database.db, 'n_dead_tup', 0.2);
  for (const table of dead) await database.db.execute(sql`vacuum ${sql.identifier(table)}`);
  return dead;
}

/** Below this many rows a change is left to autovacuum (or, embedded, to `analyzeStaleTables`). */
export const BULK_CHANGE_ROWS = 500;

/**
 * After a bulk change committed (an import, its revert): VACUUM (ANALYZE) of the tables it touched
 * when it wrote at least BULK_CHANGE_ROWS rows. Logged, never thrown: the change itself is done.
 */
export async function refreshAfterBulkChange(
  app: { database: Pick<Database, 'db'>; log: { warn(obj: object, msg: string): void } },
  rows: number,
  tables: readonly StatTable[],
): Promise<void> {
  if (rows < BULK_CHANGE_ROWS) return;
  try {
    await refreshStatistics(app.database, tables, { vacuum: true });
  } catch (err) {
    app.log.warn({ err, tables }, 'statistics refresh after a bulk change failed');
  }
}
