import type { TeamList, TeamListDetail, TeamListLease } from '@ct/contracts';
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

interface LiveLease {
  userId: string;
  name: string;
  callId: string;
  firstName: string;
  lastName: string;
  expiresAt: Date;
}

export const mapLease = (lease: LiveLease): TeamListLease => ({
  userId: lease.userId,
  name: lease.name,
  callId: lease.callId,
  firstName: lease.firstName,
  lastName: lease.lastName,
  expiresAt: lease.expiresAt.toISOString(),
});

export function mapListDetail(
  view: ListView & { progress: TeamListDetail['progress']; live: LiveLease[] },
): TeamListDetail {
  return { ...mapList(view), progress: view.progress, live: view.live.map(mapLease) };
}
