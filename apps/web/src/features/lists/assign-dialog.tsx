'use client';

import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TeamMember } from '@/features/teams/teams.api';
import { QUERY_ROOTS } from '@/lib/api/query-keys';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { SelectField } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { ApiError } from '@/lib/api';
import { errorMessage } from '@/lib/api/errors';
import { useI18n } from '@/lib/i18n';
import { assignListCalls } from './lists.api';
import * as listsMessages from '@/lib/i18n/messages/lists';

const NOBODY = '';

/** "Assigner à…": the team's active members, or nobody; all the selected contacts at once (all or nothing). */
export function AssignDialog({
  listId,
  callIds,
  members,
  onClose,
  onAssigned,
}: {
  listId: string;
  callIds: string[];
  members: readonly TeamMember[];
  onClose: () => void;
  onAssigned: () => void;
}) {
  const { t } = useI18n({ lists: listsMessages });
  const copy = t.lists.assign;
  const toast = useToast();
  const queryClient = useQueryClient();
  const choices = members.filter((member) => !member.disabled);
  const [assigneeId, setAssigneeId] = useState(choices[0]?.userId ?? NOBODY);
  const [fieldError, setFieldError] = useState<string | undefined>();

  const mutation = useMutation({
    mutationFn: () => assignListCalls(listId, callIds, assigneeId || null),
    onSuccess: async () => {
      // The contacts' assignee (calls) and the list's "by member" counts (lists) both moved.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: QUERY_ROOTS.calls }),
        queryClient.invalidateQueries({ queryKey: QUERY_ROOTS.lists }),
      ]);
      const member = choices.find((choice) => choice.userId === assigneeId);
      // `assigned` counts only the calls whose assignee changed: the sentence is about all those picked.
      toast.success(member ? copy.done(callIds.length, member.name) : copy.cleared(callIds.length));
      onAssigned();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.problem?.errors?.some((issue) => issue.path.endsWith('assigneeId'))) {
        setFieldError(copy.notMember);
        return;
      }
      if (
        error instanceof ApiError &&
        (error.problem?.code === 'not_on_list' ||
          error.problem?.errors?.some((issue) => /^(body\.)?callIds/.test(issue.path)))
      ) {
        toast.error(`${copy.failed} ${copy.notOnList}`);
        return;
      }
      toast.error(`${copy.failed} ${errorMessage(error, t)}`);
    },
  });

  return (
    <Dialog
      open
      onClose={onClose}
      title={copy.title(callIds.length)}
      description={copy.description}
      closeLabel={t.ui.close}
      size="sm"
      footer={
        <DialogActions
          cancelLabel={copy.cancel}
          onCancel={onClose}
          label={copy.submit}
          onAction={() => mutation.mutate()}
          isPending={mutation.isPending}
        />
      }
    >
      <SelectField
        label={copy.member}
        value={assigneeId}
        error={fieldError}
        onChange={(event) => {
          setAssigneeId(event.target.value);
          setFieldError(undefined);
        }}
        options={[
          ...choices.map((member) => ({ value: member.userId, label: member.name })),
          { value: NOBODY, label: copy.nobody },
        ]}
      />
    </Dialog>
  );
}
