import type { Database } from '@ct/db';
import { createUser } from '../helpers/factories.ts';
import { insertAttempt, insertCall, insertReminder } from '../helpers/rows.ts';

/** Tuesday 31 March 2026, 12:00 in Paris (summer time since the 29th, UTC+2). */
export const NOW = '2026-03-31T10:00:00Z';

/**
 * A hand-built week for a Paris user (every figure of the KPI tests is counted by hand from this), and
 * a second user with look-alike data that must never show up in the first one's reports.
 */
export async function seedReportFixture(database: Database) {
  const user = await createUser(database, { timezone: 'Europe/Paris' });
  const other = await createUser(database, { timezone: 'Europe/Paris' });

  const alice = await insertCall(database, user.id, {
    firstName: 'Alice',
    lastName: 'Arnaud',
    phone: '06 23 45 87 91',
  });
  const bob = await insertCall(database, user.id, { firstName: 'Bob', lastName: 'Bernard', phone: '06 71 28 45 93' });
  const carl = await insertCall(database, user.id, {
    firstName: 'Carl',
    lastName: 'Clément',
    phone: '06 39 98 12 34',
    flagged: 'fiction_range',
  });
  const dan = await insertCall(database, user.id, {
    firstName: 'Dan',
    lastName: 'Dubois',
    phone: '06 44 82 19 37',
    deletedAt: new Date('2026-03-30T12:00:00Z'),
  });
  const eve = await insertCall(database, user.id, { firstName: 'Eve', lastName: 'Ernst', phone: '07 81 22 40 16' });

  // Attempts in the range 25–31 March (local dates in comments).
  await insertAttempt(database, alice, 'no_answer', '2026-03-25T08:30:00Z'); // Wed 25, 09:30
  await insertAttempt(database, alice, 'reached', '2026-03-26T13:15:00Z'); // Thu 26, 14:15
  await insertAttempt(database, bob, 'voicemail', '2026-03-26T13:40:00Z'); // Thu 26, 14:40
  await insertAttempt(database, eve, 'to_call', '2026-03-27T10:00:00Z'); // not an attempt
  await insertAttempt(database, alice, 'done', '2026-03-29T22:30:00Z'); // Mon 30, 00:30 (UTC+2)
  await insertAttempt(database, bob, 'callback', '2026-03-30T07:05:00Z'); // Mon 30, 09:05
  await insertAttempt(database, carl, 'reached', '2026-03-30T07:20:00Z'); // Mon 30, 09:20 — flagged number
  await insertAttempt(database, dan, 'reached', '2026-03-30T08:00:00Z'); // deleted call: nowhere
  await insertAttempt(database, eve, 'wrong_number', '2026-03-31T06:30:00Z'); // Tue 31, 08:30
  // The previous 7 days (18–24 March).
  await insertAttempt(database, bob, 'no_answer', '2026-03-24T22:30:00Z'); // Tue 24, 23:30 (UTC+1)
  await insertAttempt(database, alice, 'reached', '2026-03-20T10:00:00Z'); // Fri 20, 11:00

  // Reminders: [scheduled, created, done at].
  const r1 = await insertReminder(database, alice, '2026-03-26T09:00:00Z', {
    createdAt: '2026-03-25T08:30:00Z',
    done: true,
    doneAt: '2026-03-26T15:00:00Z',
  }); // on time
  const r2 = await insertReminder(database, bob, '2026-03-27T09:00:00Z', {
    createdAt: '2026-03-26T13:40:00Z',
    done: true,
    doneAt: '2026-03-28T09:00:00Z',
  }); // late
  const r3 = await insertReminder(database, bob, '2026-03-30T08:00:00Z', { createdAt: '2026-03-30T07:05:00Z' }); // overdue
  const r4 = await insertReminder(database, carl, '2026-03-30T09:00:00Z', { createdAt: '2026-03-30T07:20:00Z' }); // overdue, flagged
  const r5 = await insertReminder(database, alice, '2026-03-31T15:00:00Z', {
    createdAt: '2026-03-31T06:00:00Z',
    priority: 'urgent',
  }); // later today
  await insertReminder(database, dan, '2026-03-30T10:00:00Z', { createdAt: '2026-03-29T10:00:00Z' }); // deleted call
  await insertReminder(database, alice, '2026-03-23T09:00:00Z', {
    createdAt: '2026-03-20T10:00:00Z',
    done: true,
    doneAt: '2026-03-23T08:00:00Z',
  }); // previous week, on time
  const r8 = await insertReminder(database, eve, '2026-03-31T21:59:00Z', {
    createdAt: '2026-03-31T06:30:00Z',
    priority: 'low',
  }); // 23:59 today
  await insertReminder(database, eve, '2026-03-31T22:00:00Z', { createdAt: '2026-03-31T06:30:00Z' }); // 00:00 tomorrow

  // Someone else's look-alike data, same days.
  const theirs = await insertCall(database, other.id, { firstName: 'Zoé', lastName: 'Zola' });
  for (const at of ['2026-03-26T13:15:00Z', '2026-03-30T07:05:00Z', '2026-03-31T07:00:00Z'])
    await insertAttempt(database, theirs, 'reached', at);
  await insertReminder(database, theirs, '2026-03-30T08:00:00Z', { createdAt: '2026-03-30T07:05:00Z' });

  return { user, other, calls: { alice, bob, carl, dan, eve }, reminders: { r1, r2, r3, r4, r5, r8 } };
}
