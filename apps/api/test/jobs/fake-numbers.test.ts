import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls } from '@ct/db';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';
import { insertAttempt, insertCall, notificationsOf, updateSettings } from '../helpers/rows.ts';
import { JobRunner } from '../../src/jobs/runner.ts';
import { fakeNumbersJob } from '../../src/jobs/fake-numbers.job.ts';
import { fakeNumberReason } from '../../src/jobs/fake-numbers.rules.ts';

let t: TestContext;
let runner: JobRunner;
let hour = 0;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-02T06:00:00Z' });
  runner = new JobRunner(t.app, [fakeNumbersJob]);
});
afterAll(() => t.close());

/** One run of the hourly job, an hour after the previous one. */
async function scan() {
  const [result] = await runner.tick(new Date(Date.UTC(2026, 2, 2, 6 + hour++, 5)));
  expect(result?.status).toBe('succeeded');
  return result;
}

const CREATED = new Date('2026-03-01T09:00:00Z');

async function flagOf(id: string) {
  const [row] = await t.database.db
    .select({ flagged: calls.phoneFlagged, reason: calls.phoneFlagReason, deletedAt: calls.deletedAt })
    .from(calls)
    .where(eq(calls.id, id));
  return row;
}

describe('fakeNumberReason (the per-number rules)', () => {
  it.each([
    ['12345', 'invalid_for_region'],
    ['07 00 00 00 01', 'invalid_for_region'],
    ['06 11 11 11 11', 'repeated_digits'],
    ['04 00 00 00 00', 'repeated_digits'],
    ['06 12 34 56 78', 'sequential_digits'],
    ['06 98 76 54 32', 'sequential_digits'],
    ['01 99 00 12 34', 'fiction_range'],
    ['02 61 91 12 34', 'fiction_range'],
    ['03 53 01 12 34', 'fiction_range'],
    ['04 65 71 12 34', 'fiction_range'],
    ['05 36 49 12 34', 'fiction_range'],
    ['+33 6 39 98 12 34', 'fiction_range'],
  ])('flags %s as %s', (phone, reason) => {
    expect(fakeNumberReason(phone, 'FR')).toBe(reason);
  });

  it.each(['06 23 45 87 91', '+33 1 42 68 53 00', '0033 7 81 22 40 16', '+32 470 12 34 56', '+1 202 555 0143'])(
    'lets a valid number through: %s',
    (phone) => {
      expect(fakeNumberReason(phone, 'FR')).toBeNull();
    },
  );

  it("reads a national number with the user's region", () => {
    expect(fakeNumberReason('0470 12 34 56', 'BE')).toBeNull();
    expect(fakeNumberReason('(202) 555-0143', 'US')).toBeNull();
    expect(fakeNumberReason('(202) 555-0143', 'FR')).toBe('invalid_for_region');
  });
});

describe('the fake-number job', () => {
  it('flags each rule with its reason, never deletes, leaves valid numbers alone, and notifies once per number', async () => {
    const user = await createUser(t.database);
    const mk = (phone: string, firstName = 'Jeanne', lastName = 'Martin') =>
      insertCall(t.database, user.id, { phone, firstName, lastName, createdAt: CREATED });
    const invalid = await mk('12345');
    const repeated = await mk('06 11 11 11 11');
    const sequential = await mk('06 12 34 56 78');
    const fiction = await mk('06 39 98 12 34');
    const shared = [
      await mk('06 52 81 37 94', 'Ana', 'Lopez'),
      await mk('06 52 81 37 94', 'Marc', 'Petit'),
      await mk('+33652813794', 'Zoé', 'Roux'),
    ];
    const wrongBefore = await mk('06 71 28 45 93', 'Louis', 'Blanc');
    const sameWrong = await mk('0671284593', 'Lou', 'Blanc');
    await insertAttempt(t.database, wrongBefore, 'wrong_number', '2026-02-27T10:00:00Z');
    const valid = await mk('06 23 45 87 91');
    const sameContactTwice = [
      await mk('07 81 22 40 16', 'Paul', 'Morel'),
      await mk('07 81 22 40 16', 'paul', 'MOREL '),
    ];

    await scan();

    expect(await flagOf(invalid.id)).toMatchObject({ flagged: true, reason: 'invalid_for_region', deletedAt: null });
    expect(await flagOf(repeated.id)).toMatchObject({ flagged: true, reason: 'repeated_digits' });
    expect(await flagOf(sequential.id)).toMatchObject({ flagged: true, reason: 'sequential_digits' });
    expect(await flagOf(fiction.id)).toMatchObject({ flagged: true, reason: 'fiction_range' });
    for (const call of shared)
      expect(await flagOf(call.id)).toMatchObject({ flagged: true, reason: 'shared_by_contacts' });
    for (const call of [wrongBefore, sameWrong])
      expect(await flagOf(call.id)).toMatchObject({ flagged: true, reason: 'logged_wrong_number' });
    expect(await flagOf(valid.id)).toMatchObject({ flagged: false, reason: null });
    for (const call of sameContactTwice) expect(await flagOf(call.id)).toMatchObject({ flagged: false });

    const rows = (await notificationsOf(t.database, user.id)).filter((n) => n.type === 'wrong_number');
    // One per number: the three sharers and the two wrong-number calls each give one.
    expect(rows.map((n) => n.dedupeKey).sort()).toEqual(
      [
        'wrong_number:+3312345',
        'wrong_number:+33611111111',
        'wrong_number:+33612345678',
        'wrong_number:+33639981234',
        'wrong_number:+33652813794',
        'wrong_number:+33671284593',
      ].sort(),
    );
    const sharedNote = rows.find((n) => n.dedupeKey === 'wrong_number:+33652813794');
    expect(sharedNote?.body).toContain('partagé par plusieurs contacts différents');
    expect((sharedNote?.meta.callIds as string[]).sort()).toEqual(shared.map((c) => c.id).sort());

    // Run again: the same flags, no new notification.
    await scan();
    expect((await notificationsOf(t.database, user.id)).filter((n) => n.type === 'wrong_number')).toHaveLength(
      rows.length,
    );
  });

  it('catches later changes: a new call with a number logged wrong before, a third contact on a number', async () => {
    const user = await createUser(t.database);
    const old = await insertCall(t.database, user.id, { phone: '06 44 82 19 37', createdAt: CREATED });
    await insertCall(t.database, user.id, {
      phone: '06 73 27 58 14',
      firstName: 'A',
      lastName: 'One',
      createdAt: CREATED,
    });
    await insertCall(t.database, user.id, {
      phone: '06 73 27 58 14',
      firstName: 'B',
      lastName: 'Two',
      createdAt: CREATED,
    });
    await scan();
    expect(await notificationsOf(t.database, user.id)).toHaveLength(0);

    await insertAttempt(t.database, old, 'wrong_number', '2026-03-02T09:00:00Z');
    const third = await insertCall(t.database, user.id, { phone: '06 73 27 58 14', firstName: 'C', lastName: 'Three' });
    await scan();
    expect(await flagOf(old.id)).toMatchObject({ flagged: true, reason: 'logged_wrong_number' });
    expect(await flagOf(third.id)).toMatchObject({ flagged: true, reason: 'shared_by_contacts' });
  });

  it('does not notify a user with notifFraud off, but still flags', async () => {
    const user = await createUser(t.database);
    await updateSettings(t.database, user.id, { notifFraud: false });
    const call = await insertCall(t.database, user.id, { phone: '01 99 00 55 55' });
    await scan();
    expect(await flagOf(call.id)).toMatchObject({ flagged: true, reason: 'fiction_range' });
    expect(await notificationsOf(t.database, user.id)).toHaveLength(0);
  });

  it("never counts another user's contacts, nor tells them about it", async () => {
    const a = await createUser(t.database);
    const b = await createUser(t.database);
    // Three different contacts share a number, but across two users: two for A, one for B.
    await insertCall(t.database, a.id, { phone: '06 28 17 93 46', firstName: 'X', lastName: 'A' });
    await insertCall(t.database, a.id, { phone: '06 28 17 93 46', firstName: 'Y', lastName: 'A' });
    const theirs = await insertCall(t.database, b.id, { phone: '06 28 17 93 46', firstName: 'Z', lastName: 'B' });
    const mineWrong = await insertCall(t.database, a.id, { phone: '06 57 31 86 24' });
    await insertAttempt(t.database, mineWrong, 'wrong_number', '2026-03-02T09:00:00Z');
    const theirSameNumber = await insertCall(t.database, b.id, { phone: '06 57 31 86 24' });
    await scan();
    expect(await flagOf(theirs.id)).toMatchObject({ flagged: false });
    expect(await flagOf(theirSameNumber.id)).toMatchObject({ flagged: false });
    expect(await notificationsOf(t.database, b.id)).toHaveLength(0);
    expect((await notificationsOf(t.database, a.id)).map((n) => n.dedupeKey)).toEqual(['wrong_number:+33657318624']);
  });

  it('skips soft-deleted calls', async () => {
    const user = await createUser(t.database);
    const call = await insertCall(t.database, user.id, {
      phone: '06 11 11 11 11',
      deletedAt: new Date('2026-03-01T00:00:00Z'),
    });
    await scan();
    expect(await flagOf(call.id)).toMatchObject({ flagged: false });
  });
});
