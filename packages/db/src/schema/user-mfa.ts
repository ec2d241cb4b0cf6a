import { bigint, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { instant, timestamps } from './columns.ts';
import { users } from './users.ts';

/**
 * A user's TOTP authenticator (RFC 6238), at most one. The shared secret is stored encrypted
 * (AES-256-GCM, decision 0025), never in clear. `enabledAt` is null while the enrolment waits for its
 * first code; `lastUsedStep` is the time step of the last accepted code, so a code cannot be replayed.
 */
export const userMfa = pgTable('user_mfa', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  secretEncrypted: text('secret_encrypted').notNull(),
  enabledAt: instant('enabled_at'),
  lastUsedStep: bigint('last_used_step', { mode: 'number' }),
  ...timestamps,
});

/** Single-use recovery codes, each stored as an Argon2id hash; `usedAt` marks a spent one. */
export const mfaRecoveryCodes = pgTable(
  'mfa_recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: instant('used_at'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [index('mfa_recovery_codes_user_idx').on(t.userId)],
);
