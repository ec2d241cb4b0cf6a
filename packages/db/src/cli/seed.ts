import { resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { createDatabase } from '../client.ts';
import { seedDemo } from '../seed/index.ts';

/**
 * `npm run db:seed`: demo accounts and data. Refuses when NODE_ENV=production unless --force, and
 * does nothing if users already exist.
 */
const force = process.argv.includes('--force');
if (process.env.NODE_ENV === 'production' && !force) {
  process.stderr.write('Refusing to seed demo data with NODE_ENV=production (pass --force to override).\n');
  process.exit(1);
}
const url = process.env.DATABASE_URL;
const dataDir = resolve(process.env.INIT_CWD ?? process.cwd(), process.env.DATA_DIR ?? './data', 'pglite');
if (!url) mkdirSync(dataDir, { recursive: true });
const database = await createDatabase({ url, dataDir: url ? undefined : dataDir });
try {
  await database.migrate();
  const seeded = await seedDemo(database.db, { onlyIfEmpty: true });
  process.stdout.write(seeded ? 'Demo data seeded: demo@example.com / demo1234, admin@example.com / admin1234\n' : 'Users already exist: nothing seeded.\n');
} finally {
  await database.close();
}
