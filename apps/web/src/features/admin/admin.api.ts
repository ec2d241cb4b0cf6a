import { api, unwrap } from '@/lib/api';
import type { components, paths } from '@/lib/api/schema';

export type AdminUser = components['schemas']['AdminUser'];
export type Audit = components['schemas']['Audit'];
export type AuditQuery = NonNullable<paths['/admin/audits']['get']['parameters']['query']>;
type UserCreate = NonNullable<paths['/admin/users']['post']['requestBody']>['content']['application/json'];
type UserPatch = NonNullable<paths['/admin/users/{id}']['patch']['requestBody']>['content']['application/json'];

export const USERS_PAGE_SIZE = 20;
export const AUDITS_PAGE_SIZE = 25;

export const adminKeys = {
  all: ['admin'] as const,
  users: (q: string, page: number) => ['admin', 'users', { q, page }] as const,
  actors: ['admin', 'actors'] as const,
  audits: (query: AuditQuery) => ['admin', 'audits', query] as const,
};

/** Everyone who may appear as an audit actor (the filter's choices): the first hundred accounts. */
export function fetchActors() {
  return unwrap(api.GET('/admin/users', { params: { query: { page: 1, pageSize: 100 } } }));
}

export function createUser(body: UserCreate) {
  return unwrap(api.POST('/admin/users', { body }));
}

export function updateUser(id: string, body: UserPatch) {
  return unwrap(api.PATCH('/admin/users/{id}', { params: { path: { id } }, body }));
}

/** Removes the user's 2FA (secret and recovery codes) and closes their sessions; answers the updated user. */
export function resetUserMfa(id: string) {
  return unwrap(api.POST('/admin/users/{id}/mfa/reset', { params: { path: { id } } }));
}

export function fetchAudits(query: AuditQuery) {
  return unwrap(api.GET('/admin/audits', { params: { query: { ...query, pageSize: AUDITS_PAGE_SIZE } } }));
}
