import { describe, expect, it } from 'vitest';
import { createFormatter } from '../src/lib/format/format.ts';
import { contactZone, displayPhone, previewPhone, telHref } from '../src/lib/format/phone.ts';
import { instantOf, isWithinWorkHours, zonedInstant } from '../src/lib/format/zoned.ts';

const WEEK = { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' };

describe('zoned time (lib/format/zoned)', () => {
  it('reads a wall clock in the user’s zone, summer and winter', () => {
    expect(instantOf('2026-01-15', '10:00', 'Europe/Paris')?.toISOString()).toBe('2026-01-15T09:00:00.000Z');
    expect(instantOf('2026-07-15', '10:00', 'Europe/Paris')?.toISOString()).toBe('2026-07-15T08:00:00.000Z');
    expect(instantOf('2026-07-15', '10:00', 'Pacific/Honolulu')?.toISOString()).toBe('2026-07-15T20:00:00.000Z');
  });

  it('moves a time skipped by the spring-forward change ahead, like luxon on the API', () => {
    expect(zonedInstant({ year: 2026, month: 3, day: 29 }, { hour: 2, minute: 30 }, 'Europe/Paris').toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
  });

  it('knows whether a moment is inside the work hours on a given clock', () => {
    const thursdayNoonUtc = new Date('2026-11-26T12:00:00Z');
    expect(isWithinWorkHours(thursdayNoonUtc, WEEK, 'Europe/Paris')).toBe(true); // 13:00
    expect(isWithinWorkHours(thursdayNoonUtc, WEEK, 'Asia/Tokyo')).toBe(false); // 21:00
    expect(isWithinWorkHours(new Date('2026-11-28T12:00:00Z'), WEEK, 'Europe/Paris')).toBe(false); // Saturday
  });
});

describe('createFormatter (lib/format/format)', () => {
  const at = '2026-11-26T13:05:00Z';
  it('writes dates and times in the user’s zone and formats', () => {
    const fr = createFormatter({
      language: 'fr',
      timezone: 'Europe/Paris',
      dateFormat: 'dd/MM/yyyy',
      timeFormat: '24h',
    });
    expect(fr.dateTime(at)).toBe('26/11/2026 14:05');
    const us = createFormatter({
      language: 'en',
      timezone: 'America/New_York',
      dateFormat: 'MM/dd/yyyy',
      timeFormat: '12h',
    });
    expect(us.dateTime(at)).toBe('11/26/2026 8:05 AM');
    const iso = createFormatter({
      language: 'en',
      timezone: 'Asia/Tokyo',
      dateFormat: 'yyyy-MM-dd',
      timeFormat: '24h',
    });
    expect(iso.dateTime(at)).toBe('2026-11-26 22:05');
  });

  it('names today, tomorrow and yesterday relative to the user’s own day', () => {
    const fr = createFormatter({
      language: 'fr',
      timezone: 'Europe/Paris',
      dateFormat: 'dd.MM.yyyy',
      timeFormat: '24h',
    });
    const now = new Date('2026-11-26T22:30:00Z'); // 23:30 in Paris
    expect(fr.day('2026-11-26T23:30:00Z', now)).toBe('Demain');
    expect(fr.day('2026-11-25T23:30:00Z', now)).toBe('Aujourd’hui');
    expect(fr.day('2026-11-25T12:00:00Z', now)).toBe('Hier');
    expect(fr.day('2026-11-20T12:00:00Z', now)).toBe('20.11.2026');
  });
});

describe('phones (lib/format/phone)', () => {
  it('shows a number of the user’s region nationally and others internationally', () => {
    const french = { phone: '0612345678', phoneE164: '+33612345678' };
    expect(displayPhone(french, 'FR')).toBe('06 12 34 56 78');
    expect(displayPhone(french, 'US')).toBe('+33 6 12 34 56 78');
    expect(displayPhone({ phone: '12', phoneE164: null }, 'FR')).toBe('12');
  });

  it('parses a summary that only carries the typed text, like the API would', () => {
    expect(telHref({ phone: '06 12 34 56 78' }, 'FR')).toBe('tel:+33612345678');
    expect(telHref({ phone: '0033 6 12 34 56 78' }, 'FR')).toBe('tel:+33612345678');
    expect(previewPhone('0612345678', 'FR')).toEqual({ display: '06 12 34 56 78', isValid: true });
  });

  it('derives the contact’s zone from the phone’s country, the main one for countries with several', () => {
    expect(contactZone({ phone: '', phoneE164: '+33612345678' })).toBe('Europe/Paris');
    expect(contactZone({ phone: '', phoneE164: '+12125550199' })).toBe('America/New_York');
    expect(contactZone({ phone: '', phoneE164: '+61291234567' })).toBe('Australia/Sydney');
    expect(contactZone({ phone: '', phoneUri: 'tel:+262262123456' })).toBe('Indian/Reunion');
    expect(contactZone({ phone: 'n/a' })).toBeNull();
  });
});
