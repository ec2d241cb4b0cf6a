/**
 * Child process of kill.test.ts: builds the real app on the PostgreSQL database named by
 * DATABASE_URL, signs a new user in, prints `user <id>` and starts a big import — then waits to be
 * SIGKILLed by the parent in the middle of it.
 */
import { createDatabase } from '@ct/db';
import { buildApp } from '../../src/app.ts';
import { loadEnv } from '../../src/env.ts';
import { signedIn } from '../helpers/client.ts';
import { createUser } from '../helpers/factories.ts';
import { generatedCsv, multipart } from './helpers.ts';

const env = loadEnv({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent' });
const database = await createDatabase({ url: env.DATABASE_URL, poolMax: 4 });
const app = await buildApp({ env, database, ownsDatabase: true });
await app.ready();
const user = await createUser(database);
const agent = await signedIn(app, user);
const body = multipart(generatedCsv(Number(process.env.ROWS ?? 30_000)), 'big.csv');
process.stdout.write(`user ${user.id}\n`);
const res = await agent.request({ method: 'POST', url: '/calls/import', payload: body.payload, headers: body.headers });
// Reaching this line means the parent did not kill us in time.
process.stdout.write(`finished ${res.statusCode}\n`);
await app.close();
