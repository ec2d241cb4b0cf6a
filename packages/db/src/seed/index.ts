import { count, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import {
  buildSearchText,
  CALL_TYPES,
  DEFAULT_SETTINGS,
  normalizePhone,
  REMINDER_PRIORITIES,
  type CallStatus,
} from '@ct/contracts';
import { WRONG_NUMBER_REASON } from '@ct/contracts/constants';
import type { Db } from '../client.ts';
import { hashPassword } from '../password-hash.ts';
import { callStatusHistory, calls, notifications, reminders, settings, users } from '../schema/index.ts';
import { FIRST_NAMES, LAST_NAMES, NOTES } from './names.ts';

export const DEMO_ACCOUNTS = [
  { email: 'demo@example.com', password: 'demo1234', name: 'Camille Durand', role: 'user' as const },
  { email: 'admin@example.com', password: 'admin1234', name: 'Alex Martin', role: 'admin' as const },
];

const ZONE = 'Europe/Paris';

/** Small deterministic PRNG (mulberry32) so every seeded database looks the same. */
function prng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return { next, int, pick };
}

function phoneFor(r: ReturnType<typeof prng>, i: number): string {
  const digits = () => Array.from({ length: 8 }, () => r.int(0, 9)).join('');
  if (i % 47 === 0) return `${r.int(100, 99999)}`; // not a phone number at all
  if (i % 53 === 0) return `06 39 98 ${r.int(10, 99)} ${r.int(10, 99)}`; // ARCEP range reserved for fiction
  if (i % 61 === 0) return '06 00 00 00 00';
  const mobile = r.pick(['6', '7']);
  const n = r.next() < 0.75 ? `${mobile}${digits()}` : `${r.pick(['1', '2', '3', '4', '5', '9'])}${digits()}`;
  const pairs = `0${n}`.match(/.{2}/g) ?? [];
  switch (i % 5) {
    case 0:
      return pairs.join(' ');
    case 1:
      return `+33 ${n[0]} ${n.slice(1).match(/.{2}/g)?.join(' ')}`;
    case 2:
      return `0033${n}`;
    case 3:
      return pairs.join('.');
    default:
      return `0${n}`;
  }
}

/** A working-hours instant (Mon–Fri 09:00–18:00 Paris) `daysAgo` days before now, never in the future. */
function workInstant(r: ReturnType<typeof prng>, now: DateTime, daysAgo: number): Date {
  let day = now.minus({ days: daysAgo }).startOf('day');
  while (day.weekday > 5) day = day.minus({ days: r.int(1, 3) }); // weekends spread over the week before
  let at = day.set({ hour: r.int(9, 17), minute: r.int(0, 59) });
  if (at > now) at = now.minus({ minutes: r.int(5, 120) });
  return at.toJSDate();
}

/**
 * Demo data for the embedded default: the two demo accounts, and for the demo user ~300 French
 * contacts with 90 days of attempts, reminders (overdue, today, upcoming) and notifications.
 * Returns false when users already exist and `onlyIfEmpty` is set.
 */
export async function seedDemo(db: Db, options: { onlyIfEmpty?: boolean; contacts?: number; now?: Date } = {}): Promise<boolean> {
  if (options.onlyIfEmpty) {
    const [row] = await db.select({ n: count() }).from(users);
    if ((row?.n ?? 0) > 0) return false;
  }
  const r = prng(20261126);
  const now = DateTime.fromJSDate(options.now ?? new Date(), { zone: ZONE });
  const hashes = await Promise.all(DEMO_ACCOUNTS.map((a) => hashPassword(a.password)));

  await db.transaction(async (tx) => {
    const created = await tx
      .insert(users)
      .values(DEMO_ACCOUNTS.map((a, i) => ({ email: a.email, name: a.name, role: a.role, passwordHash: hashes[i] as string })))
      .onConflictDoNothing()
      .returning();
    if (created.length === 0) return;
    await tx.insert(settings).values(created.map((u) => ({ userId: u.id, ...DEFAULT_SETTINGS })));
    const demo = created.find((u) => u.email === 'demo@example.com');
    if (!demo) return;

    const total = options.contacts ?? 300;
    const callRows: (typeof calls.$inferInsert)[] = [];
    const historyRows: (typeof callStatusHistory.$inferInsert)[] = [];
    const reminderRows: (typeof reminders.$inferInsert)[] = [];

    for (let i = 0; i < total; i++) {
      const id = crypto.randomUUID();
      const firstName = r.pick(FIRST_NAMES);
      const lastName = r.pick(LAST_NAMES);
      const phone = phoneFor(r, i);
      const normalized = normalizePhone(phone, 'FR');
      const description = r.next() < 0.6 ? r.pick(NOTES) : '';
      // Attempts walk forward from a first call up to 89 days ago, a few days apart; about one contact in
      // twelve was last called today (a working day's worth on /today and the dashboard).
      const days: number[] = [];
      if (i % 6 !== 0) {
        let daysAgo = r.int(1, 89);
        for (let a = r.int(1, 5); a > 0 && daysAgo >= 1; a--, daysAgo -= r.int(1, 12)) days.push(daysAgo);
        if (i % 12 === 1) days.push(0);
      }
      const attempts = days.length;
      let status: CallStatus = 'to_call';
      let lastCallAt: Date | null = null;
      let unanswered = 0;
      let previous: { status: CallStatus; at: Date } | null = null;
      for (const [a, daysAgo] of days.entries()) {
        let occurredAt = workInstant(r, now, daysAgo);
        // A weekend pushed back may land before the previous attempt: keep the attempts in order.
        if (previous && occurredAt <= previous.at)
          occurredAt = new Date(Math.min(previous.at.getTime() + r.int(30, 240) * 60_000, now.toMillis() - 60_000));
        const last = a === attempts - 1;
        status = last
          ? r.pick(['no_answer', 'voicemail', 'callback', 'callback', 'reached', 'not_interested', 'done', 'wrong_number'] as const)
          : r.pick(['no_answer', 'voicemail', 'callback'] as const);
        if (!normalized.valid && last) status = 'wrong_number';
        unanswered = status === 'no_answer' || status === 'voicemail' ? unanswered + 1 : 0;
        if (!lastCallAt || occurredAt > lastCallAt) lastCallAt = occurredAt;
        historyRows.push({ callId: id, userId: demo.id, status, note: r.next() < 0.5 ? r.pick(NOTES) : '', occurredAt, createdBy: demo.id });
        // The callback the previous attempt planned, done by this one: mostly on its day, sometimes late.
        if (previous) {
          const doneAt = DateTime.fromJSDate(occurredAt, { zone: ZONE });
          const late = doneAt.minus({ days: r.int(1, 3) });
          const due = r.next() < 0.75 || late.toJSDate() <= previous.at ? doneAt : late;
          const scheduledAt = due.set({ hour: 10, minute: 0, second: 0, millisecond: 0 }).toJSDate();
          reminderRows.push({ callId: id, userId: demo.id, scheduledAt, previousStatus: previous.status, priority: r.pick(REMINDER_PRIORITIES), note: '', done: true, doneAt: occurredAt });
        }
        previous = { status, at: occurredAt };
      }
      let nextReminderAt: Date | null = null;
      if (status === 'callback' || status === 'no_answer' || status === 'voicemail') {
        const bucket = i % 4; // overdue, today, tomorrow, later
        const base = bucket === 0 ? now.minus({ days: r.int(1, 4) }) : bucket === 1 ? now : now.plus({ days: bucket === 2 ? 1 : r.int(2, 10) });
        const scheduled = base.set({ hour: r.int(9, 17), minute: r.pick([0, 15, 30, 45]), second: 0, millisecond: 0 });
        nextReminderAt = scheduled.toJSDate();
        reminderRows.push({ callId: id, userId: demo.id, scheduledAt: nextReminderAt, previousStatus: status, priority: r.pick(REMINDER_PRIORITIES), note: '' });
      }
      callRows.push({
        id,
        userId: demo.id,
        contactFirstName: firstName,
        contactLastName: lastName,
        phone,
        phoneE164: normalized.e164,
        phoneValid: normalized.valid,
        phoneFlagged: status === 'wrong_number',
        phoneFlagReason: status === 'wrong_number' ? WRONG_NUMBER_REASON : null,
        status,
        type: r.pick(CALL_TYPES),
        description,
        lastCallAt,
        nextReminderAt,
        attempts,
        unansweredStreak: unanswered,
        searchText: buildSearchText({ firstName, lastName, description, phone, phoneE164: normalized.e164 }),
        createdAt: now.minus({ days: 90 }).toJSDate(),
      });
    }

    for (let i = 0; i < callRows.length; i += 500) await tx.insert(calls).values(callRows.slice(i, i + 500));
    for (let i = 0; i < historyRows.length; i += 500) await tx.insert(callStatusHistory).values(historyRows.slice(i, i + 500));
    for (let i = 0; i < reminderRows.length; i += 500) await tx.insert(reminders).values(reminderRows.slice(i, i + 500));

    const dueToday = reminderRows.filter((x) => DateTime.fromJSDate(x.scheduledAt as Date).hasSame(now, 'day')).length;
    const wrong = callRows.find((c) => c.status === 'wrong_number');
    const logged = callRows.find((c) => c.status === 'reached');
    await tx.insert(notifications).values([
      { userId: demo.id, type: 'reminders_pending', title: `${dueToday} rappels à faire aujourd'hui`, body: 'Votre liste du jour est prête.', link: '/reminders', dedupeKey: `seed:pending`, createdAt: now.minus({ hours: 2 }).toJSDate() },
      ...(logged ? [{ userId: demo.id, type: 'call_logged' as const, title: 'Appel effectué', body: `${logged.contactFirstName} ${logged.contactLastName} — Joint`, link: `/calls?open=${logged.id}`, dedupeKey: 'seed:logged', createdAt: now.minus({ hours: 1 }).toJSDate() }] : []),
      ...(wrong ? [{ userId: demo.id, type: 'wrong_number' as const, title: 'Faux numéro détecté', body: `${wrong.contactFirstName} ${wrong.contactLastName} — ${wrong.phone}`, link: `/calls?open=${wrong.id}`, dedupeKey: 'seed:wrong', createdAt: now.minus({ minutes: 30 }).toJSDate() }] : []),
      { userId: demo.id, type: 'digest', title: 'Votre semaine', body: 'Résumé de vos appels de la semaine passée.', link: '/dashboard', dedupeKey: 'seed:digest', readAt: now.minus({ days: 1 }).toJSDate(), createdAt: now.minus({ days: 2 }).toJSDate() },
    ]);
  });
  // Fresh planner statistics: PGlite has no autovacuum, and the report queries plan badly without them.
  await db.execute(sql`analyze`);
  return true;
}
