import { sql } from 'drizzle-orm';
import { boolean, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { instant, timestamps } from './columns.ts';
import { roleEnum } from './enums.ts';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stored lowercased; unique case-insensitively through the index below. */
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    name: text('name').notNull(),
    role: roleEnum('role').notNull().default('user'),
    language: text('language').notNull().default('fr'),
    timezone: text('timezone').notNull().default('Europe/Paris'),
    dateFormat: text('date_format').notNull().default('dd/MM/yyyy'),
    timeFormat: text('time_format').notNull().default('24h'),
    disabled: boolean('disabled').notNull().default(false),
    lastLoginAt: instant('last_login_at'),
    ...timestamps,
  },
  (t) => [uniqueIndex('users_email_key').on(sql`lower(${t.email})`)],
);
