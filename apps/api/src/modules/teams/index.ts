/** The teams module's public face: who is in which team, and what they may do there. */
export { teamsRoutes } from './teams.routes.ts';
export { canEditTeamLists, teamAccess, manageableTeam, type Viewer } from './team-access.ts';
export { listAllTeams, listMembers, listTeamsOfMember, memberRole, type MemberRow } from './teams.repository.ts';
