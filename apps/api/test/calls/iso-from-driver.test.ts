import { describe, expect, it } from 'vitest';
import { isoFromDriver } from '../../src/modules/calls/calls.mapper.ts';

describe('isoFromDriver (a timestamptz from PostgreSQL → the ISO string the API answers with)', () => {
  it.each([
    '2026-11-26 09:30:00+00',
    '2026-11-26 09:30:00.1+00',
    '2026-11-26 09:30:00.12+00',
    '2026-11-26 09:30:00.123+00',
    '2026-11-26 09:30:00.123456+00',
    '2026-11-26 09:30:00.999999+00',
    '1999-01-01 00:00:00.05+00',
    // Another session zone: through a Date, still the same instant.
    '2026-11-26 10:30:00.5+01',
    '2026-11-26 04:00:00.25-05:30',
  ])('%s is written as Date#toISOString writes it', (text) => {
    expect(isoFromDriver(text)).toBe(new Date(text).toISOString());
  });

  it('takes a Date as it is', () => {
    expect(isoFromDriver(new Date('2026-11-26T09:30:00.123Z'))).toBe('2026-11-26T09:30:00.123Z');
  });
});
