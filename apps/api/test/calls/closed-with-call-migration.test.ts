import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '@ct/db';
import { withDatabase } from '../helpers/global-setup.ts';

/**
 * Migration 0004 moves "which reminders did deleting this call close" from the audit trail to
 * reminders.closed_with_call: applied on a database holding data written before it, it marks exactly
 * the reminders the latest sensitive_delete audit of each deleted call listed.
 */

/** The committed migrations up to (not including) `tag`, in a folder of their own. */
function migrationsBefore(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ct-migrations-'));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const journalFile = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  const index = journal.entries.findIndex((e) => e.tag === tag);
  expect(index).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, index);
  writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

interface Sql {
  query(text: string): Promise<{ rows: Record<string, unknown>[] }>;
}

const u = 'a0000000-0000-4000-8000-000000000001';
const deleted = 'c0000000-0000-4000-8000-000000000001';
const deletedTwice = 'c0000000-0000-4000-8000-000000000002';
const live = 'c0000000-0000-4000-8000-000000000003';
const r = (n: number) => `e0000000-0000-4000-8000-00000000000${n}`;

/** Data as the code before 0004 wrote it. */
async function seed(sql: Sql) {
  await sql.query(`insert into users (id, email, password_hash, name) values ('${u}', 'a@example.test', 'x', 'A')`);
  await sql.query(`insert into calls (id, user_id, phone, deleted_at) values
    ('${deleted}', '${u}', '0600000001', now()),
    ('${deletedTwice}', '${u}', '0600000002', now()),
    ('${live}', '${u}', '0600000003', null)`);
  await sql.query(`insert into reminders (id, call_id, user_id, scheduled_at, done, done_at) values
    ('${r(1)}', '${deleted}', '${u}', now(), true, now()),
    ('${r(2)}', '${deleted}', '${u}', now(), true, now()),
    ('${r(3)}', '${deletedTwice}', '${u}', now(), true, now()),
    ('${r(4)}', '${deletedTwice}', '${u}', now(), true, now()),
    ('${r(5)}', '${live}', '${u}', now(), true, now())`);
  // r1 closed by the deletion, r2 done before it; r3 closed by a first deletion (restored since), r4 by
  // the latest; r5 on a call deleted and restored: its old audit no longer matters.
  await sql.query(`insert into audits (actor_id, action, target_type, target_id, meta, created_at) values
    ('${u}', 'sensitive_delete', 'call', '${deleted}', '{"closedReminderIds": ["${r(1)}"]}', now()),
    ('${u}', 'sensitive_delete', 'call', '${deletedTwice}', '{"closedReminderIds": ["${r(3)}"]}', now() - interval '2 days'),
    ('${u}', 'sensitive_delete', 'call', '${deletedTwice}', '{"importId": "x", "reason": "import_reverted", "closedReminderIds": ["${r(4)}"]}', now() - interval '1 day'),
    ('${u}', 'sensitive_delete', 'reminder', '${r(2)}', '{"row": {}}', now()),
    ('${u}', 'sensitive_delete', 'call', '${live}', '{"closedReminderIds": ["${r(5)}"]}', now())`);
}

async function flagged(sql: Sql): Promise<string[]> {
  const { rows } = await sql.query(`select id from reminders where closed_with_call order by id`);
  return rows.map((row) => String(row.id));
}

const folders: string[] = [];
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe('migration 0004 (reminders.closed_with_call)', () => {
  it('backfills the flag from the latest deletion audit of each deleted call, and drops idempotency_keys', async () => {
    const before = migrationsBefore('0004_reminders_closed_with_call');
    folders.push(before);
    const url = process.env.TEST_DATABASE_URL;
    if (url) {
      const name = `ct_migration_${process.pid}_${Date.now()}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create database ${name}`);
      const pool = new pg.Pool({ connectionString: withDatabase(url, name), max: 2 });
      // The forced drop below ends connections the pool may still be closing: expected, not a failure.
      pool.on('error', () => {});
      try {
        await migratePg(drizzlePg({ client: pool }), { migrationsFolder: before });
        await seed(pool);
        await migratePg(drizzlePg({ client: pool }), { migrationsFolder: MIGRATIONS_DIR });
        expect(await flagged(pool)).toEqual([r(1), r(4)]);
        const { rows } = await pool.query(`select to_regclass('idempotency_keys') as t`);
        expect(rows[0]?.t).toBeNull();
      } finally {
        await pool.end().catch(() => {});
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    } else {
      const client = new PGlite({ extensions: { pg_trgm, btree_gin } });
      try {
        await migratePglite(drizzlePglite({ client }), { migrationsFolder: before });
        await seed(client);
        await migratePglite(drizzlePglite({ client }), { migrationsFolder: MIGRATIONS_DIR });
        expect(await flagged(client)).toEqual([r(1), r(4)]);
        const { rows } = await client.query<{ t: string | null }>(`select to_regclass('idempotency_keys') as t`);
        expect(rows[0]?.t).toBeNull();
      } finally {
        await client.close();
      }
    }
    // A fresh embedded database (initdb, then every migration): far slower than the tests' cloned template.
  }, 240_000);
});
