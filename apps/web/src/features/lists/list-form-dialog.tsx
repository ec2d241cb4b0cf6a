'use client';

import { useForm } from 'react-hook-form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  TEAM_LIST_COOLDOWN_MAX,
  TEAM_LIST_DEFAULTS,
  TEAM_LIST_MAX_ATTEMPTS_MAX,
  TEAM_NAME_MAX,
} from '@ct/contracts/constants';
import type { Team } from '@/features/teams/teams.api';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { InputField, SelectField } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { ApiError } from '@/lib/api';
import { errorMessage } from '@/lib/api/errors';
import { useI18n } from '@/lib/i18n';
import { createList, updateList, type TeamList, type TeamListDetail } from './lists.api';
import { listKeys } from './lists.queries';
import * as listsMessages from '@/lib/i18n/messages/lists';

type Values = { name: string; teamId: string; cooldownMinutes: string; maxAttempts: string };
const FIELDS = ['name', 'teamId', 'cooldownMinutes', 'maxAttempts'] as const;

const isWhole = (value: string, min: number, max: number) => {
  const number = Number(value);
  return value.trim() !== '' && Number.isInteger(number) && number >= min && number <= max;
};

function valuesOf(list: TeamList | undefined, teams: readonly Team[]): Values {
  return {
    name: list?.name ?? '',
    teamId: list?.teamId ?? teams[0]?.id ?? '',
    cooldownMinutes: String(list?.cooldownMinutes ?? TEAM_LIST_DEFAULTS.cooldownMinutes),
    maxAttempts: String(list?.maxAttempts ?? TEAM_LIST_DEFAULTS.maxAttempts),
  };
}

/**
 * "Nouvelle liste" (no `list`: name, team among those the user leads, cooldown, attempt cap) or the
 * list's edit (same fields but the team, which a list keeps). The API's refusals land on the fields.
 * Mounted when opened, so it starts from the list as it is then (a refetch never wipes what is typed).
 */
export function ListFormDialog({
  open,
  onClose,
  list,
  teams = [],
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  list?: TeamList;
  /** The teams a list may be created in (ignored when editing). */
  teams?: readonly Team[];
  onCreated?: (list: TeamListDetail) => void;
}) {
  const { t } = useI18n({ lists: listsMessages });
  const copy = t.lists.form;
  const toast = useToast();
  const queryClient = useQueryClient();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isDirty },
  } = useForm<Values>({ defaultValues: valuesOf(list, teams) });

  const mutation = useMutation({
    mutationFn: (values: Values) => {
      const settings = {
        name: values.name.trim(),
        cooldownMinutes: Number(values.cooldownMinutes),
        maxAttempts: Number(values.maxAttempts),
      };
      return list ? updateList(list.id, settings) : createList({ ...settings, teamId: values.teamId });
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: listKeys.all });
      toast.success(list ? copy.saved(saved.name) : copy.created(saved.name));
      onClose();
      if (!list) onCreated?.(saved);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.problem?.code === 'list_name_taken') {
        setError('name', { type: 'server', message: copy.nameTaken }, { shouldFocus: true });
        return;
      }
      let placed = false;
      if (error instanceof ApiError) {
        for (const issue of error.problem?.errors ?? []) {
          const field = FIELDS.find((name) => issue.path.replace(/^body\./, '') === name);
          if (!field) continue;
          const message = {
            name: copy.nameError,
            teamId: copy.teamError,
            cooldownMinutes: copy.cooldownError(TEAM_LIST_COOLDOWN_MAX),
            maxAttempts: copy.maxAttemptsError(TEAM_LIST_MAX_ATTEMPTS_MAX),
          }[field];
          setError(field, { type: 'server', message }, { shouldFocus: !placed });
          placed = true;
        }
      }
      if (!placed) toast.error(`${copy.failed} ${errorMessage(error, t)}`);
    },
  });

  const formId = list ? `list-edit-${list.id}` : 'list-create';
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={list ? copy.editTitle : copy.createTitle}
      closeLabel={t.ui.close}
      isDismissable={!isDirty}
      size="sm"
      footer={
        <DialogActions
          cancelLabel={copy.cancel}
          onCancel={onClose}
          label={list ? copy.save : copy.create}
          form={formId}
          isPending={mutation.isPending}
        />
      }
    >
      <form id={formId} noValidate onSubmit={handleSubmit((values) => mutation.mutate(values))} className="space-y-4">
        <InputField
          label={copy.name}
          autoComplete="off"
          maxLength={TEAM_NAME_MAX}
          error={errors.name?.message}
          {...register('name', {
            validate: (value) => (value.trim().length >= 1 && value.trim().length <= TEAM_NAME_MAX) || copy.nameError,
          })}
        />
        {list ? null : (
          <SelectField
            label={copy.team}
            error={errors.teamId?.message}
            options={teams.map((team) => ({ value: team.id, label: team.name }))}
            {...register('teamId', { validate: (value) => Boolean(value) || copy.teamError })}
          />
        )}
        <div className="grid gap-4 sm:grid-cols-2">
          <InputField
            label={copy.cooldown}
            type="number"
            inputMode="numeric"
            min={0}
            max={TEAM_LIST_COOLDOWN_MAX}
            hint={copy.cooldownHint(TEAM_LIST_COOLDOWN_MAX)}
            error={errors.cooldownMinutes?.message}
            {...register('cooldownMinutes', {
              validate: (value) =>
                isWhole(value, 0, TEAM_LIST_COOLDOWN_MAX) || copy.cooldownError(TEAM_LIST_COOLDOWN_MAX),
            })}
          />
          <InputField
            label={copy.maxAttempts}
            type="number"
            inputMode="numeric"
            min={1}
            max={TEAM_LIST_MAX_ATTEMPTS_MAX}
            hint={copy.maxAttemptsHint(TEAM_LIST_MAX_ATTEMPTS_MAX)}
            error={errors.maxAttempts?.message}
            {...register('maxAttempts', {
              validate: (value) =>
                isWhole(value, 1, TEAM_LIST_MAX_ATTEMPTS_MAX) || copy.maxAttemptsError(TEAM_LIST_MAX_ATTEMPTS_MAX),
            })}
          />
        </div>
      </form>
    </Dialog>
  );
}
