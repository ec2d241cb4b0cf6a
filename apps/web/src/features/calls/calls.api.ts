import type { components, paths } from '@/lib/api/schema';
import { api, unwrap } from '@/lib/api';
import { toApiQuery, type CallFilters } from './call-filters';

export type Call = components['schemas']['Call'];
export type CallDetail = components['schemas']['CallDetail'];
export type CallHistoryEntry = components['schemas']['CallHistoryEntry'];
export type CallPage = components['schemas']['CallPage'];
export type CallLogResult = components['schemas']['CallLogResult'];
export type Reminder = components['schemas']['Reminder'];
export type CallCreateBody = paths['/calls']['post']['requestBody']['content']['application/json'];
export type CallPatchBody = paths['/calls/{id}']['patch']['requestBody']['content']['application/json'];
export type CallLogBody = paths['/calls/{id}/log']['post']['requestBody']['content']['application/json'];

export const callKeys = {
  all: ['calls'] as const,
  lists: () => ['calls', 'list'] as const,
  list: (filters: CallFilters) => ['calls', 'list', filters] as const,
  details: () => ['calls', 'detail'] as const,
  detail: (id: string) => ['calls', 'detail', id] as const,
};

/** The If-Match value for a row of a given version (the API's ETag is `W/"<version>"`). */
export const etagOf = (version: number) => `W/"${version}"`;

export function fetchCalls(filters: CallFilters): Promise<CallPage> {
  return unwrap(api.GET('/calls', { params: { query: toApiQuery(filters) } }));
}

/** One call with its history and open reminders, and the ETag to send back with an edit. */
export async function fetchCall(id: string): Promise<{ call: CallDetail; etag: string }> {
  const result = api.GET('/calls/{id}', { params: { path: { id } } });
  const call = await unwrap(result);
  const { response } = await result;
  return { call, etag: response.headers.get('etag') ?? etagOf(call.version) };
}

export function createCall(body: CallCreateBody): Promise<Call> {
  return unwrap(api.POST('/calls', { body }));
}

/** A stale `etag` answers 412 (ApiError) and changes nothing. */
export function updateCall(id: string, body: CallPatchBody, etag: string): Promise<Call> {
  return unwrap(api.PATCH('/calls/{id}', { params: { path: { id } }, body, headers: { 'if-match': etag } }));
}

export async function deleteCall(id: string, etag?: string): Promise<void> {
  await unwrap(
    api.DELETE('/calls/{id}', { params: { path: { id } }, ...(etag ? { headers: { 'if-match': etag } } : {}) }),
  );
}

export function restoreCall(id: string): Promise<Call> {
  return unwrap(api.POST('/calls/{id}/restore', { params: { path: { id } } }));
}

export function logCall(id: string, body: CallLogBody): Promise<CallLogResult> {
  return unwrap(api.POST('/calls/{id}/log', { params: { path: { id } }, body }));
}
