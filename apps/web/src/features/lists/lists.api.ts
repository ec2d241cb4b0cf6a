import { api, unwrap } from '@/lib/api';
import type { components, paths } from '@/lib/api/schema';

export type TeamList = components['schemas']['TeamList'];
export type TeamListDetail = components['schemas']['TeamListDetail'];
export type ListCreateBody = paths['/lists']['post']['requestBody']['content']['application/json'];
export type ListPatchBody = NonNullable<paths['/lists/{id}']['patch']['requestBody']>['content']['application/json'];

/** At most this many calls per POST /lists/:id/calls (the API's limit); "all filtered" stops there. */
export { TEAM_LIST_ADD_MAX } from '@ct/contracts/constants';

export function createList(body: ListCreateBody): Promise<TeamListDetail> {
  return unwrap(api.POST('/lists', { body }));
}

/** Rename, settings, archive (`archived: true`) or restore. */
export function updateList(id: string, body: ListPatchBody): Promise<TeamListDetail> {
  return unwrap(api.PATCH('/lists/{id}', { params: { path: { id } }, body }));
}

/** All or nothing: a refused id is a 400 naming it, and nothing moves. */
export function addCallsToList(id: string, callIds: string[]) {
  return unwrap(api.POST('/lists/{id}/calls', { params: { path: { id } }, body: { callIds } }));
}

/** Sets (or, with null, clears) the assignee of calls of the list; all or nothing. */
export function assignListCalls(id: string, callIds: string[], assigneeId: string | null) {
  return unwrap(api.POST('/lists/{id}/assign', { params: { path: { id } }, body: { callIds, assigneeId } }));
}

/** Takes one call off the list: it becomes its owner's personal call again (404 when it is not on it). */
export function removeCallFromList(id: string, callId: string) {
  return unwrap(api.DELETE('/lists/{id}/calls/{callId}', { params: { path: { id, callId } } }));
}
