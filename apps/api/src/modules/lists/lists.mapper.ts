import type { TeamList, TeamListDetail } from '@ct/contracts';
import type { ListRow } from './lists.repository.ts';

interface ListView {
  list: ListRow;
  canEdit: boolean;
  total: number;
  remaining: number;
}

export function mapList({ list, canEdit, total, remaining }: ListView): TeamList {
  return {
    id: list.id,
    teamId: list.teamId,
    teamName: list.teamName,
    name: list.name,
    cooldownMinutes: list.cooldownMinutes,
    maxAttempts: list.maxAttempts,
    archivedAt: list.archivedAt?.toISOString() ?? null,
    canEdit,
    total,
    remaining,
    createdAt: list.createdAt.toISOString(),
  };
}

export function mapListDetail(view: ListView & { progress: TeamListDetail['progress'] }): TeamListDetail {
  return { ...mapList(view), progress: view.progress };
}
