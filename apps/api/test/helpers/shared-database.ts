import pg from 'pg';
import { inject } from 'vitest';
import { createDatabase, type Database } from '@ct/db';
import { buildApp, type App } from '../../src/app.ts';
import type { ManualClock } from '../../src/lib/clock.ts';
import { testEnv } from './app.ts';
import { withDatabase } from './global-setup.ts';

/**
 * Several API instances on one real PostgreSQL database, each with its own pool and LISTEN connection
 * — as separate processes would be (PGlite cannot be shared between processes, so these tests need
 * TEST_DATABASE_URL).
 */
export const sharedPostgresUrl = process.env.TEST_DATABASE_URL;

let counter = 0;

export interface SharedDatabase {
  url: string;
  connect(): Promise<Database>;
  drop(): Promise<void>;
}

export async function createSharedDatabase(): Promise<SharedDatabase> {
  const template = inject('dbTemplate');
  if (template.kind !== 'postgres') throw new Error('a shared database needs TEST_DATABASE_URL');
  const name = `ct_shared_${process.pid}_${Date.now()}_${counter++}`;
  const admin = new pg.Client({ connectionString: template.url });
  await admin.connect();
  await admin.query(`create database ${name} template ${template.template}`);
  await admin.end();
  const url = withDatabase(template.url, name);
  return {
    url,
    connect: () => createDatabase({ url, poolMax: 5 }),
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: template.url });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`).catch(() => {});
      await cleanup.end();
    },
  };
}

/** One more app (an "instance") on a shared database, with the given clock. */
export async function buildInstance(database: Database, clock: ManualClock): Promise<App> {
  const app = await buildApp({
    env: testEnv({ LOG_LEVEL: 'silent' }),
    database,
    clock,
    ownsDatabase: true,
    logger: false,
  });
  await app.ready();
  return app;
}
