import type { AuditAction, AuditTargetType } from '@ct/contracts/audit';
import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { instant } from './columns.ts';
import { users } from './users.ts';

/**
 * Security-relevant events (OWASP logging vocabulary), written in the transaction of the action. The
 * vocabulary (actions, target types, each action's meta) is the contracts' `audit` module.
 */
export const audits = pgTable(
  'audits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').$type<AuditAction>().notNull(),
    targetType: text('target_type').$type<AuditTargetType>(),
    targetId: text('target_id'),
    outcome: text('outcome', { enum: ['success', 'failure'] }).notNull().default('success'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    requestId: text('request_id'),
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('audits_created_idx').on(t.createdAt.desc()),
    index('audits_actor_idx').on(t.actorId, t.createdAt.desc()),
    index('audits_action_idx').on(t.action, t.createdAt.desc()),
  ],
);
