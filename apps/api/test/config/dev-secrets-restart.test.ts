import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '@ct/db';
import { createUser, type TestUser } from '../helpers/factories.ts';
import {
  createFaultDatabase,
  HttpAgent,
  NEEDS_POSTGRES,
  postgresUrl,
  signIn,
  startApi,
  type ApiProcess,
  type FaultDatabase,
} from '../faults/api-process.ts';

/**
 * A development start with no secret set: the API generates its secrets into the data folder on the
 * first start — with DATABASE_URL too, where the folder holds nothing else — and signs with them;
 * after a restart the same session still works, its access token (JWT_SECRET) and its CSRF token
 * (COOKIE_SECRET) included. Real processes on PostgreSQL (an embedded start would spend two minutes
 * creating and seeding PGlite; tests/config/env.test.ts covers the file itself on every run).
 */
const dataDir = mkdtempSync(join(tmpdir(), 'ct-dev-secrets-'));
let db: FaultDatabase | undefined;
let user: TestUser;
let api: ApiProcess | undefined;

beforeAll(async () => {
  if (!postgresUrl) return;
  db = await createFaultDatabase();
  const database = await createDatabase({ url: db.url, poolMax: 1 });
  user = await createUser(database);
  await database.close();
});
afterAll(async () => {
  await api?.kill();
  await db?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

const development = () => ({
  NODE_ENV: 'development',
  JWT_SECRET: '',
  DATA_DIR: dataDir,
  DATABASE_URL: db?.url ?? '',
  LOG_LEVEL: 'warn',
});

async function stop(running: ApiProcess) {
  running.child.kill('SIGTERM');
  expect((await running.exited).code).toBe(0);
}

describe.skipIf(!postgresUrl)(`a development start without secrets (${NEEDS_POSTGRES})`, () => {
  it('creates DATA_DIR/secrets.json (0600), and a session survives a restart', { timeout: 240_000 }, async () => {
    api = await startApi(development());
    expect(api.output.join('\n')).toContain(`Generated the development secrets in ${join(dataDir, 'secrets.json')}`);
    if (process.platform !== 'win32') expect(statSync(join(dataDir, 'secrets.json')).mode & 0o777).toBe(0o600);
    const before = await signIn(api.baseUrl, user.email, user.password);
    expect((await before.request('GET', '/me')).status).toBe(200);
    await stop(api);

    api = await startApi(development());
    expect(api.output.join('\n')).not.toContain('Generated the development secrets');
    const after = new HttpAgent(api.baseUrl);
    after.cookies = { ...before.cookies };
    after.csrf = before.csrf;
    const me = await after.request('GET', '/me');
    expect(me.status, me.text).toBe(200);
    const created = await after.request('POST', '/calls', { lastName: 'Après redémarrage', phone: '06 12 34 56 78' });
    expect(created.status, created.text).toBe(201);
    await stop(api);
    api = undefined;
  });
});
