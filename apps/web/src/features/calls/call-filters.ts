import type { CallSortField } from '@ct/contracts';
import { CALL_QUERY_MAX } from '@ct/contracts/constants';
import { CALL_LIST_DEFAULTS } from '@ct/contracts/defaults';
import { CALL_STATUSES, CALL_TYPES, type CallStatus, type CallType } from '@ct/contracts/enums';

/**
 * The /calls view lives in the URL (bookmarkable, survives a reload, back/forward): these helpers read
 * and write it. Unknown values are dropped rather than sent to the API (which would answer 400).
 */

export const SORT_FIELDS = [
  'lastName',
  'status',
  'type',
  'lastCallAt',
  'nextReminderAt',
  'createdAt',
  'attempts',
] as const satisfies readonly CallSortField[];
export type SortField = (typeof SORT_FIELDS)[number];
export type SortOrder = 'asc' | 'desc';
export type DateField = 'lastCallAt' | 'nextReminderAt';
export const PAGE_SIZES = [10, 25, 50, 100] as const;

export interface CallFilters {
  q: string;
  status: CallStatus[];
  type: CallType[];
  dateField: DateField;
  /** YYYY-MM-DD, a whole day in the user's zone; '' when open. */
  from: string;
  to: string;
  sort: `${SortField}:${SortOrder}`;
  page: number;
  pageSize: number;
}

export const DEFAULT_FILTERS: CallFilters = {
  q: '',
  status: [],
  type: [],
  dateField: 'lastCallAt',
  from: '',
  to: '',
  sort: CALL_LIST_DEFAULTS.sort,
  page: 1,
  pageSize: CALL_LIST_DEFAULTS.pageSize,
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function listOf<T extends string>(raw: string | null, known: readonly T[]): T[] {
  if (!raw) return [];
  const values = raw.split(',').filter((value): value is T => (known as readonly string[]).includes(value));
  return [...new Set(values)];
}

function sortOf(raw: string | null): CallFilters['sort'] {
  const [field, order] = (raw ?? '').split(':');
  return (SORT_FIELDS as readonly string[]).includes(field ?? '') && (order === 'asc' || order === 'desc')
    ? (`${field as SortField}:${order}` as const)
    : DEFAULT_FILTERS.sort;
}

function positiveInt(raw: string | null, fallback: number, max: number) {
  const value = Number(raw);
  return Number.isInteger(value) && value >= 1 && value <= max ? value : fallback;
}

interface SearchParamsLike {
  get(name: string): string | null;
}

export function filtersFromSearchParams(params: SearchParamsLike): CallFilters {
  const pageSize = Number(params.get('pageSize'));
  return {
    q: (params.get('q') ?? '').slice(0, CALL_QUERY_MAX),
    status: listOf(params.get('status'), CALL_STATUSES),
    type: listOf(params.get('type'), CALL_TYPES),
    dateField: params.get('date') === 'nextReminderAt' ? 'nextReminderAt' : 'lastCallAt',
    from: ISO_DATE.test(params.get('from') ?? '') ? (params.get('from') as string) : '',
    to: ISO_DATE.test(params.get('to') ?? '') ? (params.get('to') as string) : '',
    sort: sortOf(params.get('sort')),
    page: positiveInt(params.get('page'), 1, 100_000),
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_FILTERS.pageSize,
  };
}

/** The search string of a view (defaults left out, so a plain /calls stays plain). */
export function filtersToSearch(filters: CallFilters): string {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.status.length) params.set('status', filters.status.join(','));
  if (filters.type.length) params.set('type', filters.type.join(','));
  if (filters.dateField !== DEFAULT_FILTERS.dateField) params.set('date', filters.dateField);
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  if (filters.sort !== DEFAULT_FILTERS.sort) params.set('sort', filters.sort);
  if (filters.page !== 1) params.set('page', String(filters.page));
  if (filters.pageSize !== DEFAULT_FILTERS.pageSize) params.set('pageSize', String(filters.pageSize));
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** Whether the view narrows the list (the empty state then says "no match" rather than "no calls"). */
export function isFiltered(filters: CallFilters) {
  return Boolean(filters.q.trim() || filters.status.length || filters.type.length || filters.from || filters.to);
}

/** The GET /calls query of a view. */
export function toApiQuery(filters: CallFilters) {
  return {
    ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
    ...(filters.status.length ? { status: filters.status.join(',') } : {}),
    ...(filters.type.length ? { type: filters.type.join(',') } : {}),
    ...(filters.from || filters.to ? { dateField: filters.dateField } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
    sort: filters.sort,
    page: filters.page,
    pageSize: filters.pageSize,
  };
}
