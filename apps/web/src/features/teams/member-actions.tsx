'use client';

import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { MoreHorizontal } from 'lucide-react';
import { QUERY_ROOTS } from '@/lib/api/query-keys';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { MenuButton } from '@/components/ui/menu';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api/errors';
import { useI18n } from '@/lib/i18n';
import { putMember, removeMember, type Team, type TeamMember } from './teams.api';
import { teamKeys } from './teams.queries';
import * as teamsMessages from '@/lib/i18n/messages/teams';

const iconButton =
  'inline-flex size-9 items-center justify-center rounded-lg text-slate-500 transition hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-night-800 dark:hover:text-white';

/** A member's menu: lead ⇄ member, and removal from the team after a confirmation. */
export function MemberActions({ team, member }: { team: Team; member: TeamMember }) {
  const { t } = useI18n({ teams: teamsMessages });
  const copy = t.teams;
  const toast = useToast();
  const queryClient = useQueryClient();
  const [isConfirming, setIsConfirming] = useState(false);

  // A member leaving takes their assignments and leases with them: lists and calls move too.
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: teamKeys.all }),
      queryClient.invalidateQueries({ queryKey: QUERY_ROOTS.lists }),
    ]);

  const roleMutation = useMutation({
    mutationFn: (role: TeamMember['role']) => putMember(team.id, member.userId, role),
    onSuccess: async (saved, role) => {
      queryClient.setQueryData(teamKeys.detail(team.id), saved);
      await refresh();
      toast.success(copy.roleChanged(member.name, copy.roles[role]));
    },
    onError: (error) => toast.error(`${copy.roleFailed} ${errorMessage(error, t)}`),
  });

  const removeMutation = useMutation({
    mutationFn: () => removeMember(team.id, member.userId),
    onSuccess: async () => {
      await Promise.all([refresh(), queryClient.invalidateQueries({ queryKey: QUERY_ROOTS.calls })]);
      toast.success(copy.removed(member.name));
      setIsConfirming(false);
    },
    onError: (error) => toast.error(`${copy.removeFailed} ${errorMessage(error, t)}`),
  });

  return (
    <>
      <MenuButton
        label={copy.memberActions(member.name)}
        isIconOnly
        align="right"
        triggerClassName={iconButton}
        items={[
          member.role === 'lead'
            ? { key: 'member', label: copy.makeMember, onSelect: () => roleMutation.mutate('member') }
            : { key: 'lead', label: copy.makeLead, onSelect: () => roleMutation.mutate('lead') },
          { key: 'remove', label: copy.remove, onSelect: () => setIsConfirming(true) },
        ]}
      >
        {roleMutation.isPending ? <Spinner /> : <MoreHorizontal className="size-5" aria-hidden />}
      </MenuButton>
      <Dialog
        open={isConfirming}
        onClose={() => (removeMutation.isPending ? undefined : setIsConfirming(false))}
        title={copy.confirmRemove.title(member.name)}
        description={copy.confirmRemove.body}
        closeLabel={t.ui.close}
        role="alertdialog"
        size="sm"
        footer={
          <DialogActions
            cancelLabel={copy.confirmRemove.cancel}
            onCancel={() => setIsConfirming(false)}
            label={copy.confirmRemove.confirm}
            onAction={() => removeMutation.mutate()}
            isPending={removeMutation.isPending}
            variant="danger"
            hasAutofocus
          />
        }
      >
        <p className="text-sm text-slate-700 dark:text-slate-300">
          {member.name} · {member.email}
        </p>
      </Dialog>
    </>
  );
}
