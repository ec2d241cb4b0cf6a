'use client';

import { useState } from 'react';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { ChevronRight, Plus, UsersRound } from 'lucide-react';
import { QueryState } from '@/components/query-state';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageIntro } from '@/components/ui/page-intro';
import { SkeletonRows } from '@/components/ui/skeleton';
import { useSession } from '@/features/auth/session-provider';
import { useI18n } from '@/lib/i18n';
import { teamQueries } from './teams.queries';
import * as teamsMessages from '@/lib/i18n/messages/teams';

// Dialogs load when first opened, not with the page (their forms carry react-hook-form).
const TeamNameDialog = dynamic(() => import('./team-name-dialog').then((module) => module.TeamNameDialog), {
  ssr: false,
});

/** /admin/teams: every team for an admin (who creates them), the teams they lead for a manager. */
export function TeamsPage() {
  const { t } = useI18n({ teams: teamsMessages });
  const copy = t.teams;
  const router = useRouter();
  const { user } = useSession();
  const isAdmin = user?.role === 'admin';
  const [isCreating, setIsCreating] = useState(false);
  const query = useQuery({
    ...teamQueries.list(),
    select: (data) => (isAdmin ? data.items : data.items.filter((team) => team.canManage)),
  });

  const createButton = isAdmin ? (
    <Button onClick={() => setIsCreating(true)}>
      <Plus className="size-4" aria-hidden />
      {copy.create}
    </Button>
  ) : null;

  return (
    <>
      <PageIntro actions={createButton}>{isAdmin ? copy.description : copy.managerDescription}</PageIntro>
      <QueryState
        query={query}
        errorMessage={copy.loadError}
        loading={
          <Card className="p-4" aria-busy="true">
            <SkeletonRows rows={4} />
          </Card>
        }
        isEmpty={(teams) => teams.length === 0}
        empty={
          <EmptyState
            icon={UsersRound}
            title={isAdmin ? copy.emptyTitle : copy.managerEmptyTitle}
            action={createButton}
          >
            {isAdmin ? copy.emptyBody : copy.managerEmptyBody}
          </EmptyState>
        }
      >
        {(teams) => (
          <Card className="overflow-hidden">
            <ul aria-label={copy.caption} className="divide-y divide-slate-100 dark:divide-night-800">
              {teams.map((team) => {
                const leads = team.members.filter((member) => member.role === 'lead');
                return (
                  <li key={team.id}>
                    <Link
                      href={`/admin/teams/${team.id}`}
                      className="flex items-center gap-4 px-4 py-4 transition hover:bg-slate-50/80 sm:px-5 dark:hover:bg-night-800/50"
                    >
                      <span className="flex size-10 shrink-0 items-center justify-center rounded-xl bg-iris-50 text-iris-700 dark:bg-iris-500/15 dark:text-orchid-300">
                        <UsersRound className="size-5" aria-hidden />
                      </span>
                      <span className="min-w-0 flex-1">
                        <span className="block truncate font-semibold text-slate-900 dark:text-white">{team.name}</span>
                        <span className="mt-0.5 block truncate text-sm text-slate-600 dark:text-slate-400">
                          {leads.length ? copy.leads(leads.map((lead) => lead.name).join(', ')) : copy.noLead}
                        </span>
                      </span>
                      <Badge tone="slate" className="shrink-0">
                        {copy.members(team.members.length)}
                      </Badge>
                      <ChevronRight className="size-4 shrink-0 text-slate-400" aria-hidden />
                    </Link>
                  </li>
                );
              })}
            </ul>
          </Card>
        )}
      </QueryState>
      {isCreating ? (
        <TeamNameDialog
          open
          onClose={() => setIsCreating(false)}
          onCreated={(team) => router.push(`/admin/teams/${team.id}`)}
        />
      ) : null}
    </>
  );
}
