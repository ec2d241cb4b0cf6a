/** The lists module's public face: a team's call lists (campaigns). */
export { listsRoutes } from './lists.routes.ts';
export { findList, listIdsOfTeam, listTeamLists, type ListRow } from './lists.repository.ts';
