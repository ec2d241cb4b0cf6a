import { sql } from 'drizzle-orm';
import { integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { TEAM_LIST_DEFAULTS } from '@ct/contracts/constants';
import { instant, timestamps } from './columns.ts';
import { teams } from './teams.ts';
import { users } from './users.ts';

/** A campaign: calls of one team worked through a shared queue (`POST /lists/:id/next`). */
export const teamLists = pgTable(
  'team_lists',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    /** A contact called less than this long ago is not handed out again. */
    cooldownMinutes: integer('cooldown_minutes').notNull().default(TEAM_LIST_DEFAULTS.cooldownMinutes),
    /** A contact with this many attempts is not handed out again. */
    maxAttempts: integer('max_attempts').notNull().default(TEAM_LIST_DEFAULTS.maxAttempts),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    archivedAt: instant('archived_at'),
    ...timestamps,
  },
  // Also the index of a team's lists (it leads with team_id).
  (t) => [uniqueIndex('team_lists_team_name_key').on(t.teamId, sql`lower(${t.name})`)],
);
