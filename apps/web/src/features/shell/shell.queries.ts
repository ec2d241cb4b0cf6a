import { serverQuery, type ServerQuery } from '@/lib/api/server-query';
import { teamQueries } from '@/features/teams/teams.queries';

/**
 * What the sidebar reads besides the user: the teams (its "Listes" entry shows for a team member). Run
 * with the shell's own server prefetch, so the served HTML and the browser's first render agree.
 */
export const shellNavQueries = (): ServerQuery[] => [serverQuery(teamQueries.list())];
