import type { Team } from '@ct/contracts';
import type { MemberRow, TeamRow } from './teams.repository.ts';

export function mapTeam(view: {
  team: TeamRow;
  members: MemberRow[];
  myRole: Team['myRole'];
  canManage: boolean;
}): Team {
  return {
    id: view.team.id,
    name: view.team.name,
    members: view.members.map((m) => ({
      userId: m.userId,
      name: m.name,
      email: m.email,
      role: m.role,
      disabled: m.disabled,
      joinedAt: m.joinedAt.toISOString(),
    })),
    myRole: view.myRole,
    canManage: view.canManage,
    createdAt: view.team.createdAt.toISOString(),
  };
}
