import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from '@ct/db';
import { buildApp, type App } from '../../src/app.ts';
import { testEnv } from '../helpers/app.ts';
import { signedIn, type Agent } from '../helpers/client.ts';
import { createUser } from '../helpers/factories.ts';
import { withDatabase } from '../helpers/global-setup.ts';
import { BlackholeProxy } from '../faults/blackhole-proxy.ts';
import { freePort, until } from '../faults/api-process.ts';
import { generatedCsv, liveCallCount, upload } from './helpers.ts';

/**
 * An import whose database connection dies mid-way (pg_terminate_backend: what a server restart or
 * a network cut does) wrote nothing. It must say so — `failed`, with a reason — as soon as anyone
 * looks, not after a 30-minute "abandoned" rule, so that the same file sent again is imported afresh
 * instead of replaying the dead import. The app reaches PostgreSQL through a proxy that can refuse
 * new connections for a while: a restarting server, when even marking the import failed cannot work.
 */
const template = inject('dbTemplate');
const ROWS = 5_000;
const SLOW_LINK_MS = 100;

interface ImportBody {
  id: string;
  status: string;
  failure: string | null;
  counts: { created: number; updated: number; skipped: number; failed: number };
}

describe.skipIf(template.kind !== 'postgres')(
  'an import whose database connection is lost mid-way (needs TEST_DATABASE_URL)',
  () => {
    const name = `ct_lost_${process.pid}_${Date.now()}`;
    let admin: pg.Client;
    let watcher: pg.Client;
    let proxy: BlackholeProxy;
    let app: App;

    beforeAll(async () => {
      if (template.kind !== 'postgres') return;
      admin = new pg.Client({ connectionString: template.url });
      await admin.connect();
      await admin.query(`create database ${name} template ${template.template}`);
      const direct = withDatabase(template.url, name);
      watcher = new pg.Client({ connectionString: direct });
      await watcher.connect();
      const real = new URL(direct);
      proxy = new BlackholeProxy({ host: real.hostname, port: Number(real.port || 5432) });
      const port = await freePort();
      await proxy.listen(port);
      const viaProxy = new URL(direct);
      viaProxy.host = `127.0.0.1:${port}`;
      const database = await createDatabase({ url: viaProxy.toString(), poolMax: 5, connectionTimeoutMs: 1_000 });
      app = await buildApp({
        env: testEnv({ DATABASE_URL: viaProxy.toString(), LOG_LEVEL: 'silent' }),
        database,
        ownsDatabase: true,
        logger: false,
      });
      await app.ready();
    });
    afterAll(async () => {
      await app?.close();
      await watcher?.end();
      await proxy?.close();
      await admin?.query(`drop database if exists ${name} with (force)`);
      await admin?.end();
    });

    /**
     * Starts a background import of `csv` and waits until its first batches are in its open transaction.
     * The link to the database is slowed meanwhile (each statement reaches it 100 ms late), so that the
     * rest of the import takes seconds on any machine and the test acts while it is still running.
     */
    async function startAndWait(agent: Agent, csv: Buffer): Promise<string> {
      proxy.latencyMs = SLOW_LINK_MS;
      const res = await upload(agent, csv, { headers: { prefer: 'respond-async' }, filename: 'big.csv' });
      expect(res.statusCode, res.body).toBe(202);
      const { id } = res.json() as ImportBody;
      await until(
        async () => {
          const progress = await watcher.query<{ processed_rows: number }>(
            'select processed_rows from imports where id = $1',
            [id],
          );
          return (progress.rows[0]?.processed_rows ?? 0) >= 1_000 ? true : undefined;
        },
        120_000,
        'the import to be under way',
      );
      return id;
    }

    /** Terminates the test database's backends (never the watcher's): only the import's, or all of them. */
    async function terminate(which: 'the import' | 'all'): Promise<number> {
      const killed = await watcher.query<{ n: string }>(
        `select count(pg_terminate_backend(pid)) as n from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid()
            ${which === 'the import' ? 'and backend_xid is not null' : ''}`,
      );
      return Number(killed.rows[0]?.n ?? 0);
    }

    /** The import as GET /imports/:id tells it, once it is no longer running. */
    async function settled(agent: Agent, id: string): Promise<ImportBody> {
      return until(
        async () => {
          const res = await agent.get(`/imports/${id}`);
          if (res.statusCode !== 200) return undefined; // 503 while the pool reconnects
          const body = res.json() as ImportBody;
          return body.status === 'running' ? undefined : body;
        },
        120_000,
        'the import to stop running',
      );
    }

    async function expectFailedThenReimported(agent: Agent, userId: string, id: string, csv: Buffer) {
      proxy.latencyMs = 0;
      const failed = await settled(agent, id);
      expect(failed).toMatchObject({ status: 'failed', counts: { created: 0 } });
      expect(failed.failure).toMatch(/nothing was written/);
      const list = (await agent.get('/imports')).json() as { items: ImportBody[] };
      expect(list.items.find((i) => i.id === id)).toMatchObject({ status: 'failed' });
      const written = await watcher.query<{ n: string }>('select count(*) as n from calls where import_id = $1', [id]);
      expect(Number(written.rows[0]?.n)).toBe(0);

      const retry = await upload(agent, csv, { filename: 'big.csv' });
      expect(retry.statusCode, retry.body).toBe(201);
      const fresh = retry.json() as ImportBody;
      expect(fresh.id).not.toBe(id);
      expect(fresh.counts).toEqual({ created: ROWS, updated: 0, skipped: 0, failed: 0 });
      expect(await liveCallCount(app.database, userId)).toBe(ROWS);
    }

    it(
      'is seen running, with its progress, by another instance while its transaction lives',
      { timeout: 300_000 },
      async () => {
        if (template.kind !== 'postgres') return;
        const database = await createDatabase({ url: withDatabase(template.url, name), poolMax: 2 });
        const other = await buildApp({
          env: testEnv({ DATABASE_URL: withDatabase(template.url, name), LOG_LEVEL: 'silent', JOBS_DISABLED: 'true' }),
          database,
          ownsDatabase: true,
          logger: false,
        });
        try {
          const user = await createUser(app.database);
          const agent = await signedIn(app, user);
          const elsewhere = await signedIn(other, user);
          const id = await startAndWait(agent, generatedCsv(ROWS, 100_000));
          const seen = (await elsewhere.get(`/imports/${id}`)).json() as ImportBody & { processedRows: number };
          expect(seen).toMatchObject({ status: 'running' });
          expect(seen.processedRows).toBeGreaterThanOrEqual(1_000);
          expect(((await elsewhere.get('/imports')).json() as { items: ImportBody[] }).items[0]).toMatchObject({
            id,
            status: 'running',
          });
          proxy.latencyMs = 0;
          const done = await settled(agent, id);
          expect(done).toMatchObject({ status: 'completed', counts: { created: ROWS } });
        } finally {
          await other.close();
        }
      },
    );

    it(
      'is failed with its reason when its own connection is terminated; the same file then imports in full',
      { timeout: 300_000 },
      async () => {
        const user = await createUser(app.database);
        const agent = await signedIn(app, user);
        const csv = generatedCsv(ROWS);
        const id = await startAndWait(agent, csv);
        expect(await terminate('the import')).toBe(1);
        await expectFailedThenReimported(agent, user.id, id, csv);
      },
    );

    it(
      'is failed with its reason after the database restarts (every connection terminated, new ones refused for 2 s)',
      { timeout: 300_000 },
      async () => {
        const user = await createUser(app.database);
        const agent = await signedIn(app, user);
        const csv = generatedCsv(ROWS, 50_000);
        const id = await startAndWait(agent, csv);
        proxy.refusing = true;
        try {
          expect(await terminate('all')).toBeGreaterThan(0);
          // The import's transaction fails, and so does its attempt to mark itself failed.
          await new Promise((resolve) => setTimeout(resolve, 2_000));
        } finally {
          proxy.refusing = false;
        }
        await expectFailedThenReimported(agent, user.id, id, csv);
      },
    );
  },
);
