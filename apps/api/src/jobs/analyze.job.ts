import { analyzeStaleTables, vacuumDeadTables } from '../lib/table-statistics.ts';
import type { JobDefinition } from './job.ts';

/**
 * The embedded database's autovacuum: every minute, ANALYZE of each table written to enough since its
 * last analysis, then (after the run's transaction) VACUUM of each table holding enough dead rows —
 * autovacuum's own thresholds. PostgreSQL does both itself.
 */
export const analyzeJob: JobDefinition = {
  id: 'analyze',
  schedule: { every: 'minute' },
  description: 'Analyze the tables written to enough, vacuum those with enough dead rows (embedded database)',
  databases: ['pglite'],
  async run(ctx) {
    const tables = await analyzeStaleTables(ctx.tx);
    if (tables.length) ctx.log.info({ tables }, 'planner statistics refreshed');
    return { tables: tables.length };
  },
  async afterCommit(app) {
    const vacuumed = await vacuumDeadTables(app.database);
    if (vacuumed.length) app.log.info({ tables: vacuumed }, 'dead rows vacuumed');
  },
};
