import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { CLOSING_STATUSES } from '@ct/contracts';
import { instant, timestamps } from './columns.ts';
import { callStatusEnum, callTypeEnum } from './enums.ts';
import { teamLists } from './team-lists.ts';
import { users } from './users.ts';

/**
 * A call a team list's queue may still hand out: on a list, live, reachable, not closed. The queue's
 * partial indexes are built on this predicate, and the claim repeats it as the same literal text (no
 * parameters), so that PostgreSQL can prove the claim's rows lie inside them.
 */
export const QUEUE_OPEN = `list_id is not null and deleted_at is null and not unreachable and status not in (${CLOSING_STATUSES.map((s) => `'${s}'`).join(', ')})`;

export const calls = pgTable(
  'calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    contactFirstName: text('contact_first_name').notNull().default(''),
    contactLastName: text('contact_last_name').notNull().default(''),
    /** The phone exactly as the user typed it. */
    phone: text('phone').notNull(),
    /** E.164 form when the number parses, else null. */
    phoneE164: text('phone_e164'),
    phoneValid: boolean('phone_valid').notNull().default(false),
    /** Set by the fake-number detection or a wrong_number outcome; never deletes anything. */
    phoneFlagged: boolean('phone_flagged').notNull().default(false),
    phoneFlagReason: text('phone_flag_reason'),
    status: callStatusEnum('status').notNull().default('to_call'),
    type: callTypeEnum('type').notNull().default('prospecting'),
    description: text('description').notNull().default(''),
    lastCallAt: instant('last_call_at'),
    nextReminderAt: instant('next_reminder_at'),
    attempts: integer('attempts').notNull().default(0),
    /** Unanswered attempts in a row; reset by any answered outcome. */
    unansweredStreak: integer('unanswered_streak').notNull().default(0),
    unreachable: boolean('unreachable').notNull().default(false),
    /** Lowercased, accent-free names, description and phone digits: what `q` searches (pg_trgm). */
    searchText: text('search_text').notNull().default(''),
    importId: uuid('import_id'),
    /** The team call list this call is on; null for a personal call (its owner's alone). */
    listId: uuid('list_id').references(() => teamLists.id, { onDelete: 'restrict' }),
    /** On a team list: the member the queue hands this call to, and to no one else. */
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    /** The caller who claimed this call from its list's queue, until `leaseExpiresAt`. */
    leaseHolderId: uuid('lease_holder_id').references(() => users.id, { onDelete: 'set null' }),
    leaseExpiresAt: instant('lease_expires_at'),
    version: integer('version').notNull().default(1),
    deletedAt: instant('deleted_at'),
    ...timestamps,
  },
  (t) => [
    // One index per sort of the list, its tie-breaker (`id`, in the sort's direction) included, so that a
    // page — by number or by `after=` cursor — reads its rows in order whatever the account's size
    // (docs/decisions/0013-list-queries.md).
    index('calls_user_last_call_idx')
      .on(t.userId, t.lastCallAt.desc().nullsLast(), t.id.desc())
      .where(sql`${t.deletedAt} is null`),
    // A status filter sorted by last call, and the status sort.
    index('calls_user_status_idx')
      .on(t.userId, t.status, t.lastCallAt.desc().nullsLast(), t.id.desc())
      .where(sql`${t.deletedAt} is null`),
    index('calls_user_status_sort_idx').on(t.userId, t.status, t.id).where(sql`${t.deletedAt} is null`),
    // List counts filtered by status and type answer from this index alone (index-only scan).
    index('calls_user_status_type_idx')
      .on(t.userId, t.status, t.type)
      .where(sql`${t.deletedAt} is null`),
    index('calls_user_type_idx').on(t.userId, t.type, t.id).where(sql`${t.deletedAt} is null`),
    index('calls_user_last_name_idx')
      .on(t.userId, t.contactLastName, t.contactFirstName, t.id)
      .where(sql`${t.deletedAt} is null`),
    index('calls_user_first_name_idx')
      .on(t.userId, t.contactFirstName, t.contactLastName, t.id)
      .where(sql`${t.deletedAt} is null`),
    index('calls_user_next_reminder_idx')
      .on(t.userId, t.nextReminderAt, t.id)
      .where(sql`${t.deletedAt} is null`),
    index('calls_user_created_idx')
      .on(t.userId, t.createdAt.desc().nullsLast(), t.id.desc())
      .where(sql`${t.deletedAt} is null`),
    index('calls_user_updated_idx')
      .on(t.userId, t.updatedAt.desc().nullsLast(), t.id.desc())
      .where(sql`${t.deletedAt} is null`),
    index('calls_user_attempts_idx')
      .on(t.userId, t.attempts.desc().nullsLast(), t.id.desc())
      .where(sql`${t.deletedAt} is null`),
    index('calls_user_phone_idx').on(t.userId, t.phoneE164),
    // One GIN over (user_id, search_text): the scan intersects the caller's rows with the trigrams
    // inside the index instead of reading every user's matches (btree_gin; docs/decisions/0010-search.md).
    index('calls_user_search_trgm_idx').using('gin', t.userId, sql`${t.searchText} gin_trgm_ops`),
    index('calls_import_idx').on(t.importId),
    // A list's calls, in the queue's order (due callbacks, never called, oldest last call).
    index('calls_list_queue_idx')
      .on(t.listId, t.nextReminderAt, t.lastCallAt.nullsFirst(), t.id)
      .where(sql`${t.listId} is not null and ${t.deletedAt} is null`),
    // The queue's three tiers, each walked in its own order so that a claim reads a few index entries
    // whatever the list's size: due callbacks (earliest first), never called, called before (oldest first).
    index('calls_queue_due_idx')
      .on(t.listId, t.nextReminderAt, t.id)
      .where(sql.raw(`${QUEUE_OPEN} and next_reminder_at is not null`)),
    index('calls_queue_fresh_idx')
      .on(t.listId, t.id)
      .where(sql.raw(`${QUEUE_OPEN} and next_reminder_at is null and last_call_at is null`)),
    index('calls_queue_called_idx')
      .on(t.listId, t.lastCallAt, t.id)
      .where(sql.raw(`${QUEUE_OPEN} and next_reminder_at is null and last_call_at is not null`)),
    // Live leases are few: who holds which (a reload resumes it, a departure ends it) and a list's presence.
    index('calls_lease_holder_idx')
      .on(t.leaseHolderId, t.listId)
      .where(sql`${t.leaseHolderId} is not null`),
    index('calls_list_lease_idx')
      .on(t.listId, t.leaseExpiresAt)
      .where(sql`${t.leaseHolderId} is not null`),
    // A team list's contacts as its page lists them (by name), newest first and by last call.
    index('calls_list_last_name_idx')
      .on(t.listId, t.contactLastName, t.contactFirstName, t.id)
      .where(sql`${t.listId} is not null and ${t.deletedAt} is null`),
    index('calls_list_created_idx')
      .on(t.listId, t.createdAt.desc().nullsLast(), t.id.desc())
      .where(sql`${t.listId} is not null and ${t.deletedAt} is null`),
    index('calls_list_last_call_idx')
      .on(t.listId, t.lastCallAt.desc().nullsLast(), t.id.desc())
      .where(sql`${t.listId} is not null and ${t.deletedAt} is null`),
    index('calls_deleted_idx').on(t.deletedAt).where(sql`${t.deletedAt} is not null`),
  ],
);
