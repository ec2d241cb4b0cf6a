import { normalizePhone } from '@ct/contracts';
import { WRONG_NUMBER_REASON } from '@ct/contracts/constants';
import { flagCalls } from '../modules/calls/index.ts';
import type { FlagReason } from '../modules/notifications/index.ts';
import { callLink, wrongNumberKey } from '../modules/notifications/index.ts';
import { loadUserContexts } from '../modules/users/index.ts';
import { fakeNumberReason } from './fake-numbers.rules.ts';
import { eachIsolated, type JobDefinition } from './job.ts';
import { listSharedNumberCalls, listUnflaggedCalls, listWrongNumberCalls } from './scan.repository.ts';

/** A number held by this many different contacts of one user is not any of theirs. */
export const SHARED_NUMBER_CONTACTS = 3;
const PAGE = 1_000;

/**
 * Fake-number detection: flags (never deletes) the calls whose number is invalid for its region, one
 * digit repeated, a run of digits, in France's fiction ranges, shared by several different contacts of
 * the same user, or already logged wrong_number by that user — recording why in phone_flag_reason —
 * and tells the user once per number (`wrong_number`, if notifFraud). The first run scans every call;
 * later runs only what changed since the last one.
 */
export const fakeNumbersJob: JobDefinition = {
  id: 'fake_numbers',
  schedule: { every: 'hour' },
  description: 'Flag fake-looking numbers and notify once per number',
  async run(ctx) {
    const found = new Map<string, { userId: string; reason: FlagReason }>();
    const add = (id: string, userId: string, reason: FlagReason) => {
      if (!found.has(id)) found.set(id, { userId, reason });
    };

    for (let after: string | null = null; ;) {
      const page = await listUnflaggedCalls(ctx.tx, after, ctx.lastRunAt, PAGE);
      for (const call of page) {
        const reason = fakeNumberReason(call.phone, call.region);
        if (reason) add(call.id, call.userId, reason);
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.id;
    }
    for (const call of await listWrongNumberCalls(ctx.tx, ctx.lastRunAt))
      add(call.id, call.userId, WRONG_NUMBER_REASON);
    for (const call of await listSharedNumberCalls(ctx.tx, ctx.lastRunAt, SHARED_NUMBER_CONTACTS))
      add(call.id, call.userId, 'shared_by_contacts');

    const byUser = new Map<string, Map<FlagReason, string[]>>();
    for (const [id, { userId, reason }] of found) {
      const reasons = byUser.get(userId) ?? new Map<FlagReason, string[]>();
      reasons.set(reason, [...(reasons.get(reason) ?? []), id]);
      byUser.set(userId, reasons);
    }
    const recipients = await loadUserContexts(ctx.tx, [...byUser.keys()]);
    let flagged = 0;
    let notified = 0;
    const { failed } = await eachIsolated(
      ctx,
      recipients,
      (r) => ({ userId: r.id }),
      async (tx, recipient) => {
        // One notification per number: the calls flagged for it are grouped under their E.164 form.
        const numbers = new Map<string, { reason: FlagReason; calls: Awaited<ReturnType<typeof flagCalls>> }>();
        for (const [reason, ids] of byUser.get(recipient.id) ?? []) {
          for (const call of await flagCalls(tx, recipient.id, ids, reason)) {
            flagged++;
            const key = wrongNumberKey(call.phoneE164, call.id);
            const entry = numbers.get(key) ?? { reason, calls: [] };
            entry.calls.push(call);
            numbers.set(key, entry);
          }
        }
        for (const [dedupeKey, { reason, calls }] of numbers) {
          const first = calls[0]!;
          const phone = first.phoneE164
            ? normalizePhone(first.phoneE164, recipient.settings.phoneRegion).national
            : first.phone;
          const row = await ctx.outbox.add(
            tx,
            recipient,
            {
              text: { kind: 'wrong_number', contactName: `${first.firstName} ${first.lastName}`.trim(), phone, reason },
              dedupeKey,
              link: callLink(first.id),
              meta: { callId: first.id, callIds: calls.map((c) => c.id), phoneE164: first.phoneE164, reason },
            },
            ctx.now,
          );
          if (row) notified++;
        }
      },
    );
    return { flagged, notified, failed };
  },
};
