import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FILTERS,
  filtersFromSearchParams,
  filtersToSearch,
  toApiQuery,
} from '../src/features/calls/call-filters.ts';

describe('the /calls view in the URL (features/calls/call-filters)', () => {
  it('round-trips a filtered, sorted, paged view', () => {
    const search =
      '?q=h%C3%A9l%C3%A8ne&status=callback%2Cno_answer&type=support&date=nextReminderAt&from=2026-11-01&to=2026-11-30&sort=lastName%3Aasc&page=3&pageSize=50';
    const filters = filtersFromSearchParams(new URLSearchParams(search));
    expect(filters).toEqual({
      q: 'hélène',
      status: ['callback', 'no_answer'],
      type: ['support'],
      dateField: 'nextReminderAt',
      from: '2026-11-01',
      to: '2026-11-30',
      sort: 'lastName:asc',
      page: 3,
      pageSize: 50,
    });
    expect(filtersToSearch(filters)).toBe(search);
  });

  it('drops what the API would refuse instead of sending it', () => {
    const filters = filtersFromSearchParams(
      new URLSearchParams('status=callback,bogus&sort=phone:asc&page=-2&pageSize=7&from=yesterday'),
    );
    expect(filters).toEqual({ ...DEFAULT_FILTERS, status: ['callback'] });
    expect(filtersToSearch(DEFAULT_FILTERS)).toBe('');
  });

  it('asks the API for the date field only with a range', () => {
    expect(toApiQuery(DEFAULT_FILTERS)).toEqual({ sort: 'createdAt:desc', page: 1, pageSize: 25 });
    expect(toApiQuery({ ...DEFAULT_FILTERS, from: '2026-11-01' })).toMatchObject({
      dateField: 'lastCallAt',
      from: '2026-11-01',
    });
  });
});
