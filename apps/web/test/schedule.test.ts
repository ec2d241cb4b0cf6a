import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { nextWorkingDaySlot, snoozeTarget, tomorrowSlot, zonedInstant } from '@ct/contracts/schedule';

const WEEK = { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' };

/** The callback slot as the API computed it with luxon before it used @ct/contracts/schedule. */
function luxonNextWorkingDaySlot(from: Date, slot: string, hours: typeof WEEK, zone: string): Date {
  const time = slot >= hours.start && slot < hours.end ? slot : hours.start;
  const [hour, minute] = time.split(':').map(Number);
  let day = DateTime.fromJSDate(from, { zone }).startOf('day').plus({ days: 1 });
  for (let i = 0; i < 14 && !hours.days.includes(day.weekday); i++) day = day.plus({ days: 1 });
  return day.set({ hour, minute, second: 0, millisecond: 0 }).toJSDate();
}

function luxonTomorrow(from: Date, slot: string, zone: string): Date {
  const [hour, minute] = slot.split(':').map(Number);
  return DateTime.fromJSDate(from, { zone }).plus({ days: 1 }).set({ hour, minute, second: 0, millisecond: 0 }).toJSDate();
}

describe('@ct/contracts/schedule', () => {
  it('moves a time skipped by the spring-forward change ahead', () => {
    expect(zonedInstant({ year: 2026, month: 3, day: 29 }, { hour: 2, minute: 30 }, 'Europe/Paris').toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
  });

  it('keeps the wall-clock slot across a DST change: 10:00 Paris is 09:00Z before, 08:00Z after', () => {
    // Friday 27 March 2026, winter time; the next working day is Monday 30 March, summer time.
    const friday = new Date('2026-03-27T15:00:00Z');
    expect(nextWorkingDaySlot(friday, '10:00', WEEK, 'Europe/Paris').toISOString()).toBe('2026-03-30T08:00:00.000Z');
    // Saturday 28 → Sunday 29 March (23 hours long): "tomorrow" at 10:00 is already summer time.
    expect(tomorrowSlot(new Date('2026-03-28T12:00:00Z'), '10:00', 'Europe/Paris').toISOString()).toBe(
      '2026-03-29T08:00:00.000Z',
    );
    // And back in October: Saturday 24 → Sunday 25 (25 hours long), 10:00 is 09:00Z again.
    expect(tomorrowSlot(new Date('2026-10-24T12:00:00Z'), '10:00', 'Europe/Paris').toISOString()).toBe(
      '2026-10-25T09:00:00.000Z',
    );
  });

  it('never places the callback on the same day, a non-working day or outside the work hours', () => {
    const thursday = new Date('2026-11-26T08:00:00Z'); // 09:00 in Paris
    expect(nextWorkingDaySlot(thursday, '10:00', WEEK, 'Europe/Paris').toISOString()).toBe('2026-11-27T09:00:00.000Z');
    const friday = new Date('2026-11-27T08:00:00Z');
    expect(nextWorkingDaySlot(friday, '10:00', WEEK, 'Europe/Paris').toISOString()).toBe('2026-11-30T09:00:00.000Z');
    // A slot before the start (or at the end) of the hours moves to their start.
    expect(nextWorkingDaySlot(thursday, '07:00', WEEK, 'Europe/Paris').toISOString()).toBe('2026-11-27T08:00:00.000Z');
    expect(nextWorkingDaySlot(thursday, '18:00', WEEK, 'Europe/Paris').toISOString()).toBe('2026-11-27T08:00:00.000Z');
  });

  it('computes what luxon computed, in several zones and work weeks around both DST changes', () => {
    const zones = ['Europe/Paris', 'America/New_York', 'Australia/Sydney'];
    const weeks = [WEEK, { days: [1, 3, 5], start: '08:30', end: '12:00' }, { days: [6, 7], start: '10:00', end: '16:00' }];
    const slots = ['10:00', '07:00', '13:15', '02:30'];
    for (const [from, to] of [
      [Date.UTC(2026, 2, 20), Date.UTC(2026, 3, 3)],
      [Date.UTC(2026, 9, 20), Date.UTC(2026, 10, 5)],
    ] as const) {
      for (let t = from; t < to; t += 13 * 3_600_000) {
        const now = new Date(t);
        for (const zone of zones) {
          for (const slot of slots) {
            for (const week of weeks) {
              expect(nextWorkingDaySlot(now, slot, week, zone).toISOString(), `${now.toISOString()} ${zone} ${slot}`).toBe(
                luxonNextWorkingDaySlot(now, slot, week, zone).toISOString(),
              );
            }
            expect(tomorrowSlot(now, slot, zone).toISOString(), `${now.toISOString()} ${zone} ${slot}`).toBe(
              luxonTomorrow(now, slot, zone).toISOString(),
            );
          }
        }
      }
    }
  }, 30_000);

  it('resolves every snooze preset', () => {
    const now = new Date('2026-11-26T23:30:00Z'); // 00:30 on Friday the 27th in Paris
    const prefs = { defaultReminderSlot: '10:00', workHours: WEEK, timezone: 'Europe/Paris' };
    expect(snoozeTarget('10m', now, prefs).toISOString()).toBe('2026-11-26T23:40:00.000Z');
    expect(snoozeTarget('1h', now, prefs).toISOString()).toBe('2026-11-27T00:30:00.000Z');
    expect(snoozeTarget('tomorrow', now, prefs).toISOString()).toBe('2026-11-28T09:00:00.000Z');
    expect(snoozeTarget('next_working_day', now, prefs).toISOString()).toBe('2026-11-30T09:00:00.000Z');
  });
});
