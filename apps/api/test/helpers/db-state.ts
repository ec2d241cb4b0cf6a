import { sql } from 'drizzle-orm';
import type { Database } from '@ct/db';

/** Runs raw SQL (both drivers answer `{ rows }`). */
export async function rows<T = Record<string, unknown>>(database: Database, text: string): Promise<T[]> {
  const result = (await database.db.execute(sql.raw(text))) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * A fingerprint of every table: its row count and an md5 of its whole content (stronger than
 * max(updated_at): it also sees a refresh token marked used). Equal snapshots mean a request wrote
 * nothing (CSRF-01: "the database is unchanged after every 403"). Test databases are small.
 */
export async function snapshotTables(database: Database): Promise<Record<string, string>> {
  const tables = await rows<{ table_name: string }>(
    database,
    `select table_name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const out: Record<string, string> = {};
  for (const { table_name: table } of tables) {
    const [row] = await rows<{ n: string | number; digest: string }>(
      database,
      `select count(*) as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as digest from "${table}" x`,
    );
    out[table] = `${String(row?.n)}:${row?.digest}`;
  }
  return out;
}
