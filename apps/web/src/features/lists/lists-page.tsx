'use client';

import { useState } from 'react';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { ListChecks, Plus, Settings2, UsersRound } from 'lucide-react';
import { QueryState } from '@/components/query-state';
import { Badge } from '@/components/ui/badge';
import { Button, buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageIntro } from '@/components/ui/page-intro';
import { SkeletonRows } from '@/components/ui/skeleton';
import { useSession } from '@/features/auth/session-provider';
import { teamQueries } from '@/features/teams/teams.queries';
import type { Team } from '@/features/teams/teams.api';
import { cn } from '@/lib/cn';
import { useI18n } from '@/lib/i18n';
import { useUrlParams } from '@/lib/use-url-params';
import { ListActions, ListProgress } from './list-actions';
import type { TeamList } from './lists.api';
import { listQueries } from './lists.queries';
import * as listsMessages from '@/lib/i18n/messages/lists';

// Dialogs load when first opened, not with the page (their forms carry react-hook-form).
const ListFormDialog = dynamic(() => import('./list-form-dialog').then((module) => module.ListFormDialog), {
  ssr: false,
});

/** The teams a user may create lists in: every team for an admin, the teams they lead otherwise. */
export function useListTeams() {
  const { user } = useSession();
  const teams = useQuery(teamQueries.list());
  const all = teams.data?.items ?? [];
  const editable = user?.role === 'admin' ? all : all.filter((team) => team.myRole === 'lead');
  return { teams, all, editable };
}

/** /lists: the call lists, grouped by team, each with what is left to call; current or archived (URL). */
export function ListsPage() {
  const { t } = useI18n({ lists: listsMessages });
  const copy = t.lists;
  const router = useRouter();
  const { params } = useUrlParams();
  const isArchived = params.get('view') === 'archived';
  const lists = useQuery(listQueries.list(isArchived));
  const { teams, all, editable } = useListTeams();
  const [isCreating, setIsCreating] = useState(false);
  const canManageTeams = all.some((team) => team.canManage);

  const createButton = editable.length ? (
    <Button onClick={() => setIsCreating(true)}>
      <Plus className="size-4" aria-hidden />
      {copy.create}
    </Button>
  ) : null;

  return (
    <>
      <PageIntro
        actions={
          <div className="flex flex-wrap gap-2">
            {canManageTeams ? (
              <Link href="/admin/teams" className={buttonClasses('secondary')}>
                <Settings2 className="size-4" aria-hidden />
                {copy.manageTeams}
              </Link>
            ) : null}
            {createButton}
          </div>
        }
      >
        {copy.description}
      </PageIntro>

      <nav aria-label={copy.views} className="mb-4 flex gap-1 border-b border-slate-200 dark:border-night-800">
        {(['current', 'archived'] as const).map((view) => {
          const isActive = (view === 'archived') === isArchived;
          return (
            <Link
              key={view}
              href={view === 'archived' ? '/lists?view=archived' : '/lists'}
              aria-current={isActive ? 'page' : undefined}
              className={cn(
                '-mb-px inline-flex h-11 items-center border-b-2 px-3 text-sm font-medium transition',
                isActive
                  ? 'border-iris-500 text-iris-700 dark:border-orchid-400 dark:text-white'
                  : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white',
              )}
            >
              {copy[view]}
            </Link>
          );
        })}
      </nav>

      <QueryState
        query={{
          data: lists.data && teams.data ? { lists: lists.data.items, teams: all } : undefined,
          isError: lists.isError || teams.isError,
          refetch: () => Promise.all([lists.refetch(), teams.refetch()]),
        }}
        errorMessage={copy.loadError}
        loading={
          <Card className="p-4" aria-busy="true">
            <SkeletonRows rows={4} />
          </Card>
        }
        isEmpty={(data) => data.teams.length === 0}
        empty={
          <EmptyState icon={UsersRound} title={copy.noTeamTitle}>
            {copy.noTeamBody}
          </EmptyState>
        }
      >
        {(data) =>
          data.lists.length === 0 && !isArchived && editable.length === 0 ? (
            <EmptyState icon={ListChecks} title={copy.emptyTitle}>
              {copy.emptyBody}
            </EmptyState>
          ) : (
            <div className="space-y-6">
              {data.teams.map((team) => (
                <TeamLists
                  key={team.id}
                  team={team}
                  lists={data.lists.filter((list) => list.teamId === team.id)}
                  isArchived={isArchived}
                />
              ))}
            </div>
          )
        }
      </QueryState>
      {isCreating ? (
        <ListFormDialog
          open
          onClose={() => setIsCreating(false)}
          teams={editable}
          onCreated={(list) => router.push(`/lists/${list.id}`)}
        />
      ) : null}
    </>
  );
}

function TeamLists({ team, lists, isArchived }: { team: Team; lists: TeamList[]; isArchived: boolean }) {
  const { t } = useI18n({ lists: listsMessages });
  const copy = t.lists;
  const headingId = `team-lists-${team.id}`;
  return (
    <section aria-labelledby={headingId}>
      <h2
        id={headingId}
        className="mb-2 flex items-center gap-2 text-base font-semibold text-slate-900 dark:text-white"
      >
        <UsersRound className="size-4 text-iris-600 dark:text-orchid-300" aria-hidden />
        {team.name}
      </h2>
      <Card className="overflow-hidden">
        {lists.length === 0 ? (
          <p className="px-5 py-4 text-sm text-slate-600 dark:text-slate-400">
            {isArchived ? copy.noArchivedInTeam : copy.noListInTeam}
          </p>
        ) : (
          <ul className="divide-y divide-slate-100 dark:divide-night-800">
            {lists.map((list) => (
              <li key={list.id} className="flex items-center gap-3 px-4 py-4 sm:px-5">
                <div className="grid min-w-0 flex-1 gap-3 sm:grid-cols-[minmax(0,1fr)_14rem] sm:items-center">
                  <div className="min-w-0">
                    <Link
                      href={`/lists/${list.id}`}
                      className="block truncate font-semibold text-slate-900 hover:text-iris-700 hover:underline dark:text-white dark:hover:text-iris-200"
                    >
                      {list.name}
                    </Link>
                    <p className="mt-0.5 truncate text-xs text-slate-600 dark:text-slate-400">
                      {copy.settings(list.cooldownMinutes, list.maxAttempts)}
                    </p>
                    {list.archivedAt ? (
                      <Badge tone="slate" className="mt-1.5">
                        {copy.archivedBadge}
                      </Badge>
                    ) : null}
                  </div>
                  <ListProgress list={list} />
                </div>
                {list.canEdit ? <ListActions list={list} className="shrink-0" /> : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </section>
  );
}
