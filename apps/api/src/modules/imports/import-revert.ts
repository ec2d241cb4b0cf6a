import type { FastifyInstance } from 'fastify';
import type { ImportRevert } from '@ct/contracts';
import type { Executor } from '@ct/db';
import { AppError, notFound } from '../../lib/errors.ts';
import { refreshAfterBulkChange } from '../../lib/table-statistics.ts';
import type { RequestContext } from '../../lib/request-context.ts';
import { recordAudit, recordAudits } from '../audits/index.ts';
import { closeOpenRemindersOf, importCallsState, softDeleteUntouchedImportCalls } from '../calls/index.ts';
import * as repo from './imports.repository.ts';
import { mapImport } from './imports.mapper.ts';

/** Calls reverted per transaction on the embedded database (decision 0112). */
const REVERT_CHUNK = 1_000;

/** The imports being reverted batch by batch in this process (the embedded database's guard). */
const reverting = new Set<string>();

/**
 * Soft-deletes the calls this import created and nobody changed since (still at version 1); edited
 * ones are kept and listed. Their open reminders are closed as a delete would — marked
 * `closed_with_call`, so POST /calls/:id/restore reopens them — with a `sensitive_delete` audit row
 * for each call that had some. On PostgreSQL in one transaction; on the embedded database, whose one
 * connection a long transaction would hold from every other request, a thousand calls per
 * transaction, then one to mark the import reverted (a revert cut short leaves the import
 * `completed`, and sending it again finishes it).
 */
export async function revertImport(
  app: FastifyInstance,
  userId: string,
  id: string,
  ctx: RequestContext,
): Promise<ImportRevert> {
  const { db } = app;
  const now = app.clock.now();
  let result: ImportRevert;
  if (app.database.kind === 'postgres') {
    result = await db.transaction(async (tx) => {
      await checkRevertable(tx, userId, id, true);
      const before = await importCallsState(tx, userId, id);
      const deleted = await revertCalls(tx, userId, id, now, ctx);
      return finishRevert(tx, userId, id, now, ctx, before, deleted);
    });
  } else {
    if (reverting.has(id)) throw new AppError('conflict', 'This import is being reverted');
    reverting.add(id);
    try {
      await checkRevertable(db, userId, id, false);
      const before = await importCallsState(db, userId, id);
      const deleted: string[] = [];
      for (;;) {
        const chunk = await db.transaction((tx) => revertCalls(tx, userId, id, now, ctx, REVERT_CHUNK));
        deleted.push(...chunk);
        if (chunk.length < REVERT_CHUNK) break;
      }
      result = await db.transaction(async (tx) => {
        await checkRevertable(tx, userId, id, true);
        return finishRevert(tx, userId, id, now, ctx, before, deleted);
      });
    } finally {
      reverting.delete(id);
    }
  }
  // The soft-deleted rows left dead versions behind and leave the live-calls indexes.
  await refreshAfterBulkChange(app, result.reverted, ['calls', 'reminders']);
  return result;
}

/** Throws unless the import exists and can be reverted (completed). */
async function checkRevertable(db: Executor, userId: string, id: string, lock: boolean): Promise<void> {
  const row = await repo.findImport(db, userId, id, { lock });
  if (!row) throw notFound('Import');
  if (row.status !== 'completed') {
    const why = {
      running: 'is still running',
      failed: 'failed and wrote nothing',
      reverted: 'was already reverted',
    }[row.status];
    throw new AppError('conflict', `This import ${why}`);
  }
}

/** Soft-deletes (up to `limit` of) the import's untouched calls, closing their reminders with audit rows. */
async function revertCalls(
  db: Executor,
  userId: string,
  id: string,
  now: Date,
  ctx: RequestContext,
  limit?: number,
): Promise<string[]> {
  const deletedIds = await softDeleteUntouchedImportCalls(db, userId, id, now, limit);
  const closed = await closeOpenRemindersOf(db, deletedIds, now, { withCall: true });
  const byCall = new Map<string, string[]>();
  for (const r of closed) byCall.set(r.callId, [...(byCall.get(r.callId) ?? []), r.id]);
  await recordAudits(
    db,
    [...byCall].map(([callId, reminderIds]) => ({
      actorId: userId,
      action: 'sensitive_delete' as const,
      targetType: 'call' as const,
      targetId: callId,
      meta: { importId: id, reason: 'import_reverted' as const, closedReminderIds: reminderIds },
    })),
    ctx,
  );
  return deletedIds;
}

/** Marks the import reverted with its audit row; the live calls it did not delete are the edited ones. */
async function finishRevert(
  db: Executor,
  userId: string,
  id: string,
  now: Date,
  ctx: RequestContext,
  before: { liveIds: string[]; deletedCount: number },
  deletedIds: string[],
): Promise<ImportRevert> {
  const deleted = new Set(deletedIds);
  const keptEdited = before.liveIds.filter((callId) => !deleted.has(callId));
  const alreadyDeleted = before.deletedCount;
  const reverted = await repo.markReverted(db, id, now);
  await recordAudit(
    db,
    {
      actorId: userId,
      action: 'import_reverted',
      targetType: 'import',
      targetId: id,
      meta: { reverted: deletedIds.length, keptEdited: keptEdited.length, alreadyDeleted },
    },
    ctx,
  );
  return { import: mapImport(reverted), reverted: deletedIds.length, keptEdited, alreadyDeleted };
}
