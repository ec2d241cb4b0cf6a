'use client';

import { useState } from 'react';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { ArrowLeft, Pencil, SearchX, UserPlus, Users } from 'lucide-react';
import { LoadError } from '@/components/query-state';
import { Badge } from '@/components/ui/badge';
import { Button, buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { SkeletonRows } from '@/components/ui/skeleton';
import { Table, Td, Th } from '@/components/ui/table';
import { useSession } from '@/features/auth/session-provider';
import { ApiError } from '@/lib/api';
import { useFormatter } from '@/lib/format/use-formatter';
import { useI18n } from '@/lib/i18n';
import { MemberActions } from './member-actions';
import type { Team } from './teams.api';
import { teamQueries } from './teams.queries';
import * as teamsMessages from '@/lib/i18n/messages/teams';

// Dialogs load when first opened, not with the page (their forms carry react-hook-form).
const MemberAddDialog = dynamic(() => import('./member-add-dialog').then((module) => module.MemberAddDialog), {
  ssr: false,
});
const TeamNameDialog = dynamic(() => import('./team-name-dialog').then((module) => module.TeamNameDialog), {
  ssr: false,
});

/** A malformed id (400) or a team the viewer may not see (404) are the same "no such team". */
const isMissing = (error: unknown) => error instanceof ApiError && (error.status === 404 || error.status === 400);

/** /admin/teams/[id]: one team, its members and their team role; rename it, add, promote, remove members. */
export function TeamPage({ id }: { id: string }) {
  const { t } = useI18n({ teams: teamsMessages });
  const copy = t.teams;
  const query = useQuery({ ...teamQueries.detail(id), retry: (count, error) => !isMissing(error) && count < 2 });

  const back = (
    <Link href="/admin/teams" className={buttonClasses('ghost', 'md', 'mb-4 -ml-2')}>
      <ArrowLeft className="size-4" aria-hidden />
      {copy.back}
    </Link>
  );

  if (query.isError && !query.data) {
    return (
      <>
        {back}
        {isMissing(query.error) ? (
          <EmptyState icon={SearchX} title={copy.notFoundTitle}>
            {copy.notFoundBody}
          </EmptyState>
        ) : (
          <LoadError message={copy.loadError} onRetry={() => void query.refetch()} />
        )}
      </>
    );
  }
  return (
    <>
      {back}
      {query.data ? (
        <TeamDetail team={query.data} isFetching={query.isFetching} />
      ) : (
        <Card className="p-4" aria-busy="true">
          <SkeletonRows rows={5} />
        </Card>
      )}
    </>
  );
}

function TeamDetail({ team, isFetching }: { team: Team; isFetching: boolean }) {
  const { t } = useI18n({ teams: teamsMessages });
  const copy = t.teams;
  const format = useFormatter();
  const { user: me } = useSession();
  const [isRenaming, setIsRenaming] = useState(false);
  const [isAdding, setIsAdding] = useState(false);
  const members = [...team.members].sort(
    (a, b) => Number(b.role === 'lead') - Number(a.role === 'lead') || a.name.localeCompare(b.name),
  );

  return (
    <>
      <div className="mb-6 flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <div className="min-w-0">
          <h2 className="truncate text-xl font-semibold text-slate-900 dark:text-white">{team.name}</h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">{copy.members(team.members.length)}</p>
        </div>
        {team.canManage ? (
          <div className="flex shrink-0 flex-wrap gap-2">
            <Button variant="secondary" onClick={() => setIsRenaming(true)}>
              <Pencil className="size-4" aria-hidden />
              {copy.rename}
            </Button>
            <Button onClick={() => setIsAdding(true)}>
              <UserPlus className="size-4" aria-hidden />
              {copy.addMember}
            </Button>
          </div>
        ) : null}
      </div>
      {team.canManage ? null : (
        <p className="mb-4 rounded-xl bg-slate-100 px-4 py-3 text-sm text-slate-700 dark:bg-night-800 dark:text-slate-300">
          {copy.readOnly}
        </p>
      )}

      {members.length === 0 ? (
        <EmptyState icon={Users} title={copy.noMembersTitle}>
          {copy.noMembersBody}
        </EmptyState>
      ) : (
        <Card className="overflow-hidden">
          <div className="relative overflow-x-auto">
            <Table aria-busy={isFetching}>
              <caption className="sr-only">{copy.table.caption}</caption>
              <thead>
                <tr>
                  <Th>{copy.table.name}</Th>
                  <Th>{copy.table.role}</Th>
                  <Th className="hidden md:table-cell">{copy.table.joinedAt}</Th>
                  {team.canManage ? (
                    <Th className="w-12">
                      <span className="sr-only">{copy.table.actions}</span>
                    </Th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {members.map((member) => (
                  <tr key={member.userId} className="hover:bg-slate-50/70 dark:hover:bg-night-800/40">
                    <Td className="max-w-[12rem] sm:max-w-[18rem]">
                      <p className="truncate font-medium text-slate-900 dark:text-white">
                        {member.name}
                        {member.userId === me?.id ? (
                          <span className="ml-1.5 text-xs font-normal text-slate-500 dark:text-slate-400">
                            ({copy.table.you})
                          </span>
                        ) : null}
                      </p>
                      <p className="truncate text-xs text-slate-600 dark:text-slate-400">{member.email}</p>
                    </Td>
                    <Td>
                      <span className="flex flex-wrap gap-1.5">
                        <Badge tone={member.role === 'lead' ? 'iris' : 'slate'}>{copy.roles[member.role]}</Badge>
                        {member.disabled ? <Badge tone="rose">{copy.table.disabled}</Badge> : null}
                      </span>
                    </Td>
                    <Td className="hidden whitespace-nowrap text-slate-700 md:table-cell dark:text-slate-300">
                      {format.date(member.joinedAt)}
                    </Td>
                    {team.canManage ? (
                      <Td className="text-right">
                        <MemberActions team={team} member={member} />
                      </Td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </Table>
          </div>
        </Card>
      )}

      {isRenaming ? <TeamNameDialog open onClose={() => setIsRenaming(false)} team={team} /> : null}
      {isAdding ? <MemberAddDialog team={team} open onClose={() => setIsAdding(false)} /> : null}
    </>
  );
}
