import { and, count, desc, eq, gte, lte, type SQL } from 'drizzle-orm';
import type { AuditAction, AuditEntry, AuditOutcome } from '@ct/contracts/audit';
import { audits, users, type Executor } from '@ct/db';
import type { RequestContext } from '../../lib/request-context.ts';

export type { AuditEntry };

/** A lone UTF-16 surrogate: valid in a JS string, refused by jsonb (and by any JSON reader). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The meta as jsonb accepts it: text a client sent (a name) keeps everything but lone surrogates (U+FFFD). */
function storableMeta(meta: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(meta), (_key, value: unknown): unknown =>
    typeof value === 'string' ? value.replace(LONE_SURROGATE, '\ufffd') : value,
  );
}

const auditRow = (entry: AuditEntry, ctx: RequestContext): typeof audits.$inferInsert => ({
  actorId: entry.actorId,
  action: entry.action,
  targetType: entry.targetType ?? null,
  targetId: entry.targetId ?? null,
  outcome: entry.outcome ?? 'success',
  meta: storableMeta(entry.meta ?? {}),
  ip: ctx.ip,
  userAgent: ctx.userAgent?.slice(0, 512) ?? null,
  requestId: ctx.requestId,
});

/** Appends one audit row; pass the action's transaction so the two commit or fail together. */
export async function recordAudit(db: Executor, entry: AuditEntry, ctx: RequestContext): Promise<void> {
  await db.insert(audits).values(auditRow(entry, ctx));
}

/** Appends many audit rows of one request (an import's revert: one per call), 1,000 per statement. */
export async function recordAudits(db: Executor, entries: AuditEntry[], ctx: RequestContext): Promise<void> {
  for (let i = 0; i < entries.length; i += 1000)
    await db.insert(audits).values(entries.slice(i, i + 1000).map((entry) => auditRow(entry, ctx)));
}

export interface AuditFilters {
  action?: AuditAction | undefined;
  actorId?: string | undefined;
  outcome?: AuditOutcome | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  page: number;
  pageSize: number;
}

export async function listAudits(db: Executor, f: AuditFilters) {
  const where: SQL[] = [];
  if (f.action) where.push(eq(audits.action, f.action));
  if (f.actorId) where.push(eq(audits.actorId, f.actorId));
  if (f.outcome) where.push(eq(audits.outcome, f.outcome));
  if (f.from) where.push(gte(audits.createdAt, f.from));
  if (f.to) where.push(lte(audits.createdAt, f.to));
  const condition = where.length ? and(...where) : undefined;
  const [rows, totals] = await Promise.all([
    db
      .select({ audit: audits, actorEmail: users.email })
      .from(audits)
      .leftJoin(users, eq(users.id, audits.actorId))
      .where(condition)
      .orderBy(desc(audits.createdAt), desc(audits.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(audits).where(condition),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}
