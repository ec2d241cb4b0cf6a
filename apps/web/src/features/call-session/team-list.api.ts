import { queryOptions } from '@tanstack/react-query';
import { CSRF_HEADER } from '@ct/contracts/auth';
import { api, unwrap, type ApiClient } from '@/lib/api';
import { readCsrfToken } from '@/lib/api/csrf';
import { toApiError } from '@/lib/api/problem';
import { apiFor } from '@/lib/api/query-api';
import { QUERY_ROOTS } from '@/lib/api/query-keys';
import type { components } from '@/lib/api/schema';
import { API_BASE_URL } from '@/lib/api/session-refresh';

export type TeamList = components['schemas']['TeamList'];
export type TeamListClaim = components['schemas']['TeamListClaim'];
/** GET /lists/:id: its progress, and `live`, who holds which contact of it right now. */
export type TeamListDetail = components['schemas']['TeamListDetail'];

/** How often the "who else" panel refetches even without a stream event (the stream may be down). */
export const PRESENCE_POLL_MS = 20_000;

export const teamListKeys = {
  all: QUERY_ROOTS.lists,
  open: () => [...QUERY_ROOTS.lists, 'open'] as const,
  detail: (id: string) => [...QUERY_ROOTS.lists, 'detail', id] as const,
};

function fetchList(client: ApiClient, id: string): Promise<TeamListDetail> {
  return unwrap(client.GET('/lists/{id}', { params: { path: { id } } }));
}

export const teamListQueries = {
  /** The open lists of the caller's teams: what the session's start screen offers. */
  open: () =>
    queryOptions({
      queryKey: teamListKeys.open(),
      queryFn: async ({ client }) => (await unwrap(apiFor(client).GET('/lists', {}))).items,
    }),
  /** One list: its name, progress and who is on which contact now. */
  detail: (id: string) =>
    queryOptions({
      queryKey: teamListKeys.detail(id),
      queryFn: ({ client }) => fetchList(apiFor(client), id),
    }),
};

/**
 * Claims the next contact of the list (or resumes the one held, unless it is in `exclude`, which the
 * API then gives back first). Null: nobody is callable right now (204).
 */
export async function claimNext(listId: string, exclude: readonly string[]): Promise<TeamListClaim | null> {
  const { data, error, response } = await api.POST('/lists/{id}/next', {
    params: { path: { id: listId } },
    body: { exclude: [...exclude] },
  });
  if (!response.ok) throw toApiError(error, response);
  return response.status === 204 || !data ? null : data;
}

/**
 * Gives a held contact back as the caller leaves. `keepalive` lets the request outlive the page (a
 * closed tab, a reload); a lease that is already gone (404) or a network failure changes nothing worth
 * telling: the lease expires on its own.
 */
export function releaseOnLeave(listId: string, callId: string): void {
  const headers = new Headers({ 'content-type': 'application/json' });
  const token = readCsrfToken();
  if (token) headers.set(CSRF_HEADER, token);
  void fetch(`${API_BASE_URL}/lists/${encodeURIComponent(listId)}/release`, {
    method: 'POST',
    credentials: 'include',
    keepalive: true,
    headers,
    body: JSON.stringify({ callId }),
  }).catch(() => undefined);
}
