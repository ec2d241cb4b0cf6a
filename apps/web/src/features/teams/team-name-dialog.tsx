'use client';

import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { TEAM_NAME_MAX } from '@ct/contracts/constants';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { InputField } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { ApiError } from '@/lib/api';
import { errorMessage } from '@/lib/api/errors';
import { useI18n } from '@/lib/i18n';
import { createTeam, renameTeam, type Team } from './teams.api';
import { teamKeys } from './teams.queries';
import * as teamsMessages from '@/lib/i18n/messages/teams';

/** "Nouvelle équipe" (no `team`) or "Renommer l'équipe": one name; a taken name is said next to the field. */
export function TeamNameDialog({
  open,
  onClose,
  team,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  team?: Team;
  onCreated?: (team: Team) => void;
}) {
  const { t } = useI18n({ teams: teamsMessages });
  const copy = t.teams.form;
  const toast = useToast();
  const queryClient = useQueryClient();
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isDirty },
  } = useForm<{ name: string }>({ defaultValues: { name: team?.name ?? '' } });

  useEffect(() => {
    if (open) reset({ name: team?.name ?? '' });
  }, [open, team?.name, reset]);

  const mutation = useMutation({
    mutationFn: (name: string) => (team ? renameTeam(team.id, name) : createTeam(name)),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: teamKeys.all });
      toast.success(team ? copy.renamed(saved.name) : copy.created(saved.name));
      onClose();
      if (!team) onCreated?.(saved);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.problem?.code === 'team_name_taken') {
        setError('name', { type: 'server', message: copy.nameTaken }, { shouldFocus: true });
        return;
      }
      if (error instanceof ApiError && error.status === 400) {
        setError('name', { type: 'server', message: copy.nameError }, { shouldFocus: true });
        return;
      }
      toast.error(`${copy.failed} ${errorMessage(error, t)}`);
    },
  });

  const formId = team ? `team-rename-${team.id}` : 'team-create';
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={team ? copy.renameTitle : copy.createTitle}
      closeLabel={t.ui.close}
      isDismissable={!isDirty}
      size="sm"
      footer={
        <DialogActions
          cancelLabel={copy.cancel}
          onCancel={onClose}
          label={team ? copy.save : copy.create}
          form={formId}
          isPending={mutation.isPending}
        />
      }
    >
      <form id={formId} noValidate onSubmit={handleSubmit(({ name }) => mutation.mutate(name.trim()))}>
        <InputField
          label={copy.name}
          autoComplete="off"
          maxLength={TEAM_NAME_MAX}
          error={errors.name?.message}
          {...register('name', {
            validate: (value) => (value.trim().length >= 1 && value.trim().length <= TEAM_NAME_MAX) || copy.nameError,
          })}
        />
      </form>
    </Dialog>
  );
}
