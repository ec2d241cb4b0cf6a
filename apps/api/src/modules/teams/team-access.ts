import type { Executor } from '@ct/db';
import type { Role, TeamRole } from '@ct/contracts';
import { AppError, notFound } from '../../lib/errors.ts';
import { findTeam, memberRole } from './teams.repository.ts';

/** Who is asking: the signed-in user and their account role. */
export interface Viewer {
  userId: string;
  role: Role;
}

/** An admin manages every team; a manager, the teams they lead. */
export function canManageTeam(viewer: Viewer, myRole: TeamRole | null): boolean {
  return viewer.role === 'admin' || (viewer.role === 'manager' && myRole === 'lead');
}

/** Leads (and admins) edit the team's lists and assign their calls. */
export function canEditTeamLists(viewer: Viewer, myRole: TeamRole | null): boolean {
  return viewer.role === 'admin' || myRole === 'lead';
}

/**
 * What `viewer` may do with a team. An admin sees and manages every team; anyone else sees only the
 * teams they are a member of, and manages one only as a `manager` who leads it. A team the viewer may
 * not see does not exist for them (404, like any other owned resource).
 */
export async function teamAccess(db: Executor, viewer: Viewer, teamId: string) {
  const team = await findTeam(db, teamId);
  if (!team) throw notFound('Team');
  const myRole: TeamRole | null = await memberRole(db, teamId, viewer.userId);
  if (viewer.role !== 'admin' && myRole === null) throw notFound('Team');
  const canManage = canManageTeam(viewer, myRole);
  const canEditLists = canEditTeamLists(viewer, myRole);
  return { team, myRole, canManage, canEditLists };
}

export async function manageableTeam(db: Executor, viewer: Viewer, teamId: string) {
  const access = await teamAccess(db, viewer, teamId);
  if (!access.canManage)
    throw new AppError('forbidden', 'Only an admin or a manager who leads this team can change it');
  return access;
}
