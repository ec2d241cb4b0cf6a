/**
 * Prints the OpenAPI document as JSON without listening on any port: builds the app on an in-memory
 * PGlite (no migrations needed — no route runs) and writes `app.swagger()` to stdout, or to the file
 * given as argument. `npm run openapi -w @ct/api -- /tmp/openapi.json`, then
 * `npm run gen:api -w @ct/web -- /tmp/openapi.json`.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createDatabase } from '@ct/db';
import { buildApp } from '../app.ts';
import { loadEnv } from '../env.ts';

const database = await createDatabase({});
const app = await buildApp({
  // A throwaway secret: nothing is signed, and no secrets file is written for a documentation build.
  env: loadEnv({
    ...process.env,
    LOG_LEVEL: 'silent',
    JOBS_DISABLED: 'true',
    DATABASE_URL: undefined,
    JWT_SECRET: randomBytes(32).toString('base64url'),
  }),
  database,
  ownsDatabase: true,
  logger: false,
});
await app.ready();
const json = `${JSON.stringify(app.swagger(), null, 2)}\n`;
await app.close();
const target = process.argv[2];
if (target) writeFileSync(target, json);
else process.stdout.write(json);
