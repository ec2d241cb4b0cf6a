import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, smallint, unique, uuid } from 'drizzle-orm/pg-core';
import { instant } from './columns.ts';

/**
 * The KPI roll-up (docs/decisions/0110-kpi-roll-up.md): what the reports would count in
 * `call_status_history`, added up ahead of time. Database triggers on `call_status_history`, `calls`
 * and `users` keep both tables exact in the transaction of every write (migration 0009_kpi_rollup);
 * no application code writes them. No foreign keys: the triggers subtract while the rows they refer
 * to are being deleted.
 */

/**
 * Attempts (entries other than to_call) on live calls, per 15 minutes of UTC (every zone's midnight
 * and hour fall on a quarter), per owner of the entry (`user_id`, the personal report), member who
 * logged it (`member_id`, the team report) and team list (`list_id`, null for a personal call). A
 * personal call counts only for its current owner (`calls.user_id = user_id`), as in the raw queries.
 */
export const kpiAttemptBuckets = pgTable(
  'kpi_attempt_buckets',
  {
    userId: uuid('user_id').notNull(),
    bucket: instant('bucket').notNull(),
    listId: uuid('list_id'),
    memberId: uuid('member_id'),
    noAnswer: integer('no_answer').notNull().default(0),
    voicemail: integer('voicemail').notNull().default(0),
    callback: integer('callback').notNull().default(0),
    reached: integer('reached').notNull().default(0),
    notInterested: integer('not_interested').notNull().default(0),
    wrongNumber: integer('wrong_number').notNull().default(0),
    done: integer('done').notNull().default(0),
    /** Attempts and answered attempts on numbers not flagged: what the rates and bestHours count. */
    ratedAttempts: integer('rated_attempts').notNull().default(0),
    ratedAnswered: integer('rated_answered').notNull().default(0),
  },
  (t) => [
    unique('kpi_attempt_buckets_key').on(t.userId, t.bucket, t.listId, t.memberId).nullsNotDistinct(),
    index('kpi_attempt_buckets_list_idx')
      .on(t.listId, t.bucket)
      .where(sql`${t.listId} is not null`),
  ],
);

/**
 * Distinct calls for `contactsReached` and `wrongNumbers`, per owner and local date in the owner's
 * zone: on each date, the calls with an answered (`answered`) or wrong-number (`wrong`) attempt that
 * day, by `gap`, the days since that call's previous such date (0: none within 366 days). A call
 * counts once in a range `from..to` on its first date in it, i.e. where `gap = 0 or gap > date - from`.
 */
export const kpiContactDays = pgTable(
  'kpi_contact_days',
  {
    userId: uuid('user_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    gap: smallint('gap').notNull(),
    answered: integer('answered').notNull().default(0),
    wrong: integer('wrong').notNull().default(0),
  },
  (t) => [unique('kpi_contact_days_key').on(t.userId, t.day, t.gap)],
);
