import type { components, paths } from '@/lib/api/schema';
import { api, unwrap } from '@/lib/api';

export type Call = components['schemas']['Call'];
export type CallDetail = components['schemas']['CallDetail'];
export type CallHistoryEntry = components['schemas']['CallHistoryEntry'];
export type CallPage = components['schemas']['CallPage'];
export type CallLogResult = components['schemas']['CallLogResult'];
export type Reminder = components['schemas']['Reminder'];
export type CallCreateBody = paths['/calls']['post']['requestBody']['content']['application/json'];
export type CallPatchBody = paths['/calls/{id}']['patch']['requestBody']['content']['application/json'];
export type CallLogBody = paths['/calls/{id}/log']['post']['requestBody']['content']['application/json'];

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
