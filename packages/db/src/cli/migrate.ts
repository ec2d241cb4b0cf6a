import { resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { createDatabase } from '../client.ts';

/** `npm run db:migrate`: applies the committed migrations to DATABASE_URL, or to the embedded database. */
const url = process.env.DATABASE_URL;
const dataDir = resolve(process.env.INIT_CWD ?? process.cwd(), process.env.DATA_DIR ?? './data', 'pglite');
if (!url) mkdirSync(dataDir, { recursive: true });
const database = await createDatabase({ url, dataDir: url ? undefined : dataDir });
try {
  await database.migrate();
  process.stdout.write(`Migrations applied (${database.kind}).\n`);
} finally {
  await database.close();
}
