import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** What repositories take: the database itself or an open transaction. */
export type Executor = Db | Tx;

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

export interface DatabaseOptions {
  /** postgres://… selects node-postgres; absent selects the embedded PGlite. */
  url?: string | undefined;
  /** PGlite data directory; absent means in memory. */
  dataDir?: string | undefined;
  /** A PGlite data-dir dump to start from (tests: skips initdb and migrations). */
  loadDataDir?: Blob | File | undefined;
  /** node-postgres pool size. */
  poolMax?: number;
  /** Fail a query that takes longer than this (ms); also bounds a black-holed connection. */
  statementTimeoutMs?: number;
  connectionTimeoutMs?: number;
  /** Called for errors on idle pool clients (a server restart): logged, never fatal. */
  onError?: (err: Error) => void;
}

type Listener = (payload: string) => void;

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  migrate(): Promise<void>;
  /** Subscribe to a LISTEN/NOTIFY channel; resolves to an unsubscribe function. */
  listen(channel: string, listener: Listener): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** The PGlite instance (embedded only): tests dump it once and clone per file. */
  readonly pglite?: PGlite;
}

export async function createDatabase(options: DatabaseOptions = {}): Promise<Database> {
  return options.url ? createPostgres(options.url, options) : createPglite(options);
}

async function createPglite(options: DatabaseOptions): Promise<Database> {
  const client = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: { pg_trgm, btree_gin },
  });
  // ANALYZE runs on the API's one connection here, so every other request waits for it: a sample of
  // 7,500 rows instead of 30,000 takes it from ~400 ms to ~60 ms for 100,000 calls, and still shows the
  // planner an account's size and its mix of statuses (decision 0112).
  await client.exec('set default_statistics_target = 25');
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pglite: client,
    migrate: () => migratePglite(drizzlePglite({ client, schema }), { migrationsFolder: MIGRATIONS_DIR }),
    listen: async (channel, listener) => {
      const unlisten = await client.listen(channel, listener);
      return () => unlisten();
    },
    notify: async (channel, payload) => {
      await client.query('select pg_notify($1, $2)', [channel, payload]);
    },
    ping: async () => {
      await client.query('select 1');
    },
    close: () => client.close(),
  };
}

async function createPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  const onError = options.onError ?? (() => {});
  const statementTimeout = options.statementTimeoutMs ?? 10_000;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolMax ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: statementTimeout,
    query_timeout: statementTimeout + 1_000,
  });
  // An idle client killed by a server restart emits 'error' on the pool; unhandled, it would crash Node.
  // A checked-out client (inside a transaction, between two queries) has no pool listener: its 'error'
  // crashed the API (test/faults/pg-terminate.test.ts). Its next query fails instead (→ 503) and the pool
  // drops it on release. An idle client's error reaches both listeners: reported once.
  const reported = new WeakSet<Error>();
  const report = (err: Error) => {
    if (reported.has(err)) return;
    reported.add(err);
    onError(err);
  };
  pool.on('error', report);
  pool.on('connect', (client) => client.on('error', report));
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  const listeners = new ListenerHub(url, onError);

  return {
    kind: 'postgres',
    db,
    migrate: () => migratePostgres(url),
    listen: (channel, listener) => listeners.add(channel, listener),
    notify: async (channel, payload) => {
      await pool.query('select pg_notify($1, $2)', [channel, payload]);
    },
    ping: async () => {
      await pool.query('select 1');
    },
    close: async () => {
      await listeners.close();
      await pool.end();
    },
  };
}

/** Runs the migrations under an advisory lock so that instances starting together migrate once. */
async function migratePostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock(7264221)');
    await migratePg(drizzlePg({ client, schema }), { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await client.query('select pg_advisory_unlock(7264221)').catch(() => {});
    await client.end();
  }
}

/**
 * One dedicated connection for LISTEN (a pooled one would be handed back). It reconnects with
 * back-off after a server restart and re-issues its LISTENs.
 */
class ListenerHub {
  private client: pg.Client | undefined;
  private connecting: Promise<pg.Client> | undefined;
  private readonly channels = new Map<string, Set<Listener>>();
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly onError: (err: Error) => void,
  ) {}

  async add(channel: string, listener: Listener): Promise<() => Promise<void>> {
    let set = this.channels.get(channel);
    if (!set) {
      set = new Set();
      this.channels.set(channel, set);
      const client = await this.connect();
      await client.query(`listen ${pg.escapeIdentifier(channel)}`);
    }
    set.add(listener);
    return async () => {
      set.delete(listener);
      if (set.size === 0 && this.channels.get(channel) === set) {
        this.channels.delete(channel);
        await this.client?.query(`unlisten ${pg.escapeIdentifier(channel)}`).catch(() => {});
      }
    };
  }

  private connect(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.open().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async open(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 5_000 });
    client.on('notification', (msg) => {
      for (const listener of this.channels.get(msg.channel) ?? []) listener(msg.payload ?? '');
    });
    client.on('error', (err) => {
      this.onError(err);
      this.drop(client);
    });
    client.on('end', () => this.drop(client));
    await client.connect();
    for (const channel of this.channels.keys()) await client.query(`listen ${pg.escapeIdentifier(channel)}`);
    this.client = client;
    return client;
  }

  private drop(client: pg.Client) {
    if (this.client !== client) return;
    this.client = undefined;
    if (!this.closed && this.channels.size > 0) this.reconnect(250);
  }

  private reconnect(delay: number) {
    setTimeout(() => {
      if (this.closed || this.client) return;
      this.connect().catch((err: Error) => {
        this.onError(err);
        this.reconnect(Math.min(delay * 2, 5_000));
      });
    }, delay).unref();
  }

  async close() {
    this.closed = true;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }
}
