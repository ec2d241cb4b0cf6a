import fp from 'fastify-plugin';
import type { Database } from '@ct/db';

/** Hands the database to the app; closes it last, after in-flight requests have finished. */
export const databasePlugin = fp<{ database: Database; ownsDatabase: boolean }>(async (app, opts) => {
  app.decorate('database', opts.database);
  app.decorate('db', opts.database.db);
  if (opts.ownsDatabase) {
    app.addHook('onClose', async () => {
      await opts.database.close();
    });
  }
});
