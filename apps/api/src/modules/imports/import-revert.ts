import type { FastifyInstance } from 'fastify';
import type { ImportRevert } from '@ct/contracts';
import { AppError, notFound } from '../../lib/errors.ts';
import { refreshAfterBulkChange } from '../../lib/table-statistics.ts';
import type { RequestContext } from '../../lib/request-context.ts';
import { recordAudit, recordAudits } from '../audits/index.ts';
import { closeOpenRemindersOf, importCallsState, softDeleteUntouchedImportCalls } from '../calls/index.ts';
import * as repo from './imports.repository.ts';
import { mapImport } from './imports.mapper.ts';

/**
 * Soft-deletes the calls this import created and nobody changed since (still at version 1); edited
 * ones are kept and listed. Their open reminders are closed as a delete would — marked
 * `closed_with_call`, so POST /calls/:id/restore reopens them — with a `sensitive_delete` audit row
 * for each call that had some.
 */
export async function revertImport(
  app: FastifyInstance,
  userId: string,
  id: string,
  ctx: RequestContext,
): Promise<ImportRevert> {
  const now = app.clock.now();
  const result = await app.db.transaction(async (tx) => {
    const row = await repo.findImport(tx, userId, id, { lock: true });
    if (!row) throw notFound('Import');
    if (row.status !== 'completed') {
      const why = {
        running: 'is still running',
        failed: 'failed and wrote nothing',
        reverted: 'was already reverted',
      }[row.status];
      throw new AppError('conflict', `This import ${why}`);
    }
    const before = await importCallsState(tx, userId, id);
    const deletedIds = await softDeleteUntouchedImportCalls(tx, userId, id, now);
    const closed = await closeOpenRemindersOf(tx, deletedIds, now, { withCall: true });
    const byCall = new Map<string, string[]>();
    for (const r of closed) byCall.set(r.callId, [...(byCall.get(r.callId) ?? []), r.id]);
    await recordAudits(
      tx,
      [...byCall].map(([callId, reminderIds]) => ({
        actorId: userId,
        action: 'sensitive_delete' as const,
        targetType: 'call' as const,
        targetId: callId,
        meta: { importId: id, reason: 'import_reverted' as const, closedReminderIds: reminderIds },
      })),
      ctx,
    );
    const deleted = new Set(deletedIds);
    const keptEdited = before.liveIds.filter((callId) => !deleted.has(callId));
    const reverted = await repo.markReverted(tx, id, now);
    await recordAudit(
      tx,
      {
        actorId: userId,
        action: 'import_reverted',
        targetType: 'import',
        targetId: id,
        meta: { reverted: deletedIds.length, keptEdited: keptEdited.length, alreadyDeleted: before.deletedCount },
      },
      ctx,
    );
    return {
      import: mapImport(reverted),
      reverted: deletedIds.length,
      keptEdited,
      alreadyDeleted: before.deletedCount,
    };
  });
  // The soft-deleted rows left dead versions behind and leave the live-calls indexes.
  await refreshAfterBulkChange(app, result.reverted, ['calls', 'reminders']);
  return result;
}
