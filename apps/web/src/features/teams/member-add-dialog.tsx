'use client';

import { useEffect, useId, useMemo, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Search } from 'lucide-react';
import { adminUsersQuery } from '@/features/admin/admin.queries';
import { useSession } from '@/features/auth/session-provider';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { controlClasses, SelectField } from '@/components/ui/field';
import { SkeletonRows } from '@/components/ui/skeleton';
import { useToast } from '@/components/ui/toast';
import { ApiError } from '@/lib/api';
import { errorMessage } from '@/lib/api/errors';
import { cn } from '@/lib/cn';
import { useI18n } from '@/lib/i18n';
import { putMember, type Team, type TeamRole } from './teams.api';
import { teamKeys, teamQueries } from './teams.queries';
import * as teamsMessages from '@/lib/i18n/messages/teams';

const SEARCH_DEBOUNCE_MS = 250;
const MAX_SHOWN = 20;

interface Candidate {
  id: string;
  name: string;
  email: string;
}

/** Close enough to an e-mail address to ask the API for that account (it checks the address itself). */
const EMAIL_LIKE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Who can be added: an admin searches every active account (the admin users API); a manager has no
 * such directory, so they pick among the members of their other teams, or type a colleague's exact
 * e-mail, which the team's look-up answers.
 */
function useCandidates(team: Team, q: string, isOpen: boolean) {
  const { user } = useSession();
  const isAdmin = user?.role === 'admin';
  const inTeam = useMemo(() => new Set(team.members.map((member) => member.userId)), [team.members]);
  const accounts = useQuery({
    ...adminUsersQuery(q, 1),
    enabled: isOpen && isAdmin,
    placeholderData: keepPreviousData,
  });
  const teams = useQuery({ ...teamQueries.list(), enabled: isOpen && !isAdmin });
  const email = EMAIL_LIKE.test(q) ? q.toLowerCase() : '';
  const lookUp = useQuery({ ...teamQueries.candidates(team.id, email), enabled: isOpen && !isAdmin && email !== '' });

  const needle = q.toLowerCase();
  const pool: Candidate[] = isAdmin
    ? (accounts.data?.items ?? []).filter((account) => !account.disabled)
    : [
        ...new Map(
          [
            ...(lookUp.data?.items ?? []),
            ...(teams.data?.items ?? [])
              .flatMap((other) => other.members)
              .filter((member) => !member.disabled)
              .filter((member) => `${member.name} ${member.email}`.toLowerCase().includes(needle)),
          ].map((member) => [member.userId, { id: member.userId, name: member.name, email: member.email }]),
        ).values(),
      ];
  const source = isAdmin ? accounts : teams;
  return {
    isAdmin,
    candidates: pool.filter((candidate) => !inTeam.has(candidate.id)).slice(0, MAX_SHOWN),
    isPending: source.isPending || (email !== '' && !isAdmin && lookUp.isPending),
    isError: source.isError || (!isAdmin && lookUp.isError),
  };
}

/** "Ajouter un membre": search an account, pick it, choose its role in the team. */
export function MemberAddDialog({ team, open, onClose }: { team: Team; open: boolean; onClose: () => void }) {
  const { t } = useI18n({ teams: teamsMessages });
  const copy = t.teams.add;
  const toast = useToast();
  const queryClient = useQueryClient();
  const searchId = useId();
  const errorId = useId();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<Candidate | null>(null);
  const [role, setRole] = useState<TeamRole>('member');
  const [pickError, setPickError] = useState<string | null>(null);
  const { isAdmin, candidates, isPending, isError } = useCandidates(team, q, open);

  useEffect(() => {
    const timer = window.setTimeout(() => setQ(search.trim()), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [search]);

  const close = () => {
    setSearch('');
    setQ('');
    setPicked(null);
    setRole('member');
    setPickError(null);
    onClose();
  };

  const mutation = useMutation({
    mutationFn: (candidate: Candidate) => putMember(team.id, candidate.id, role),
    onSuccess: async (saved, candidate) => {
      queryClient.setQueryData(teamKeys.detail(team.id), saved);
      await queryClient.invalidateQueries({ queryKey: teamKeys.all });
      toast.success(copy.added(candidate.name));
      close();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.problem?.errors?.some((issue) => issue.path.endsWith('userId'))) {
        setPickError(copy.unknownUser);
        return;
      }
      toast.error(`${copy.failed} ${errorMessage(error, t)}`);
    },
  });

  const submit = () => {
    if (!picked) {
      setPickError(copy.pick);
      return;
    }
    mutation.mutate(picked);
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      title={copy.title}
      description={copy.description}
      closeLabel={t.ui.close}
      isDismissable={!picked}
      size="sm"
      footer={
        <DialogActions
          cancelLabel={copy.cancel}
          onCancel={close}
          label={copy.submit}
          onAction={submit}
          isPending={mutation.isPending}
        />
      }
    >
      <div className="space-y-4">
        <div className="relative">
          <label htmlFor={searchId} className="mb-1.5 block text-sm font-medium text-slate-700 dark:text-slate-200">
            {copy.search}
          </label>
          <Search className="pointer-events-none absolute bottom-3 left-3 size-4 text-slate-400" aria-hidden />
          <input
            id={searchId}
            type="search"
            value={search}
            autoComplete="off"
            onChange={(event) => setSearch(event.target.value)}
            placeholder={copy.searchPlaceholder}
            className={controlClasses(false, 'h-10 pl-9')}
          />
        </div>
        {isAdmin ? null : <p className="text-sm text-slate-600 dark:text-slate-400">{copy.managerHint}</p>}
        <fieldset aria-describedby={pickError ? errorId : undefined}>
          <legend className="sr-only">{copy.people}</legend>
          {isError ? (
            <p role="alert" className="text-sm text-rose-700 dark:text-rose-300">
              {copy.loadError}
            </p>
          ) : isPending ? (
            <SkeletonRows rows={3} />
          ) : candidates.length === 0 ? (
            <p className="py-3 text-sm text-slate-600 dark:text-slate-400">{copy.noMatch}</p>
          ) : (
            <ul className="max-h-64 space-y-1 overflow-y-auto">
              {candidates.map((candidate) => (
                <li key={candidate.id}>
                  <label
                    className={cn(
                      'flex cursor-pointer items-center gap-3 rounded-xl border px-3 py-2.5 transition',
                      picked?.id === candidate.id
                        ? 'border-iris-400 bg-iris-50 dark:border-orchid-400 dark:bg-iris-500/15'
                        : 'border-slate-200 hover:bg-slate-50 dark:border-night-700 dark:hover:bg-night-800',
                    )}
                  >
                    <input
                      type="radio"
                      name={`member-${team.id}`}
                      value={candidate.id}
                      checked={picked?.id === candidate.id}
                      onChange={() => {
                        setPicked(candidate);
                        setPickError(null);
                      }}
                      className="size-4 accent-iris-600"
                    />
                    <span className="min-w-0">
                      <span className="block truncate text-sm font-medium text-slate-900 dark:text-white">
                        {candidate.name}
                      </span>
                      <span className="block truncate text-xs text-slate-600 dark:text-slate-400">
                        {candidate.email}
                      </span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
          {pickError ? (
            <p id={errorId} role="alert" className="mt-2 text-sm text-rose-700 dark:text-rose-300">
              {pickError}
            </p>
          ) : null}
        </fieldset>
        <SelectField
          label={copy.role}
          value={role}
          onChange={(event) => setRole(event.target.value === 'lead' ? 'lead' : 'member')}
          options={[
            { value: 'member', label: t.teams.roles.member },
            { value: 'lead', label: t.teams.roles.lead },
          ]}
        />
      </div>
    </Dialog>
  );
}
