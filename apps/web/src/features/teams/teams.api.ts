import { api, unwrap } from '@/lib/api';
import type { components } from '@/lib/api/schema';

export type Team = components['schemas']['Team'];
export type TeamMember = components['schemas']['TeamMember'];
export type TeamRole = TeamMember['role'];

export function createTeam(name: string): Promise<Team> {
  return unwrap(api.POST('/teams', { body: { name } }));
}

export function renameTeam(id: string, name: string): Promise<Team> {
  return unwrap(api.PATCH('/teams/{id}', { params: { path: { id } }, body: { name } }));
}

/** Adds a member, or changes the role of one already in the team; answers the team as it now is. */
export function putMember(id: string, userId: string, role: TeamRole): Promise<Team> {
  return unwrap(api.POST('/teams/{id}/members', { params: { path: { id } }, body: { userId, role } }));
}

export async function removeMember(id: string, userId: string): Promise<void> {
  await unwrap(api.DELETE('/teams/{id}/members/{userId}', { params: { path: { id, userId } } }));
}
