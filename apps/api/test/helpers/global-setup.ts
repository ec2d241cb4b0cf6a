import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDatabase } from '@ct/db';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Real PostgreSQL: name of the migrated template database; embedded: path of a migrated PGlite dump. */
    dbTemplate: { kind: 'postgres'; url: string; template: string } | { kind: 'pglite'; dumpPath: string };
  }
}

/**
 * Builds the schema once per run: a migrated template database on PostgreSQL (TEST_DATABASE_URL), or a
 * migrated PGlite data-dir dump. Each test file then gets its own copy, without initdb or migrations.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const template = `ct_tpl_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${template}`);
    const database = await createDatabase({ url: withDatabase(url, template) });
    await database.migrate();
    await database.close();
    project.provide('dbTemplate', { kind: 'postgres', url, template });
    return async () => {
      const rows = await admin.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`${template}%`]);
      for (const { datname } of rows.rows) await admin.query(`drop database if exists ${datname} with (force)`);
      await admin.query(`select datname from pg_database where datname like 'ct_test_${process.pid}_%'`).then(async (res) => {
        for (const { datname } of res.rows as { datname: string }[]) await admin.query(`drop database if exists ${datname} with (force)`);
      });
      await admin.end();
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'ct-test-'));
  const database = await createDatabase({});
  await database.migrate();
  const dump = await database.pglite!.dumpDataDir('none');
  const dumpPath = join(dir, 'template.tar');
  writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('dbTemplate', { kind: 'pglite', dumpPath });
  return () => rmSync(dir, { recursive: true, force: true });
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
