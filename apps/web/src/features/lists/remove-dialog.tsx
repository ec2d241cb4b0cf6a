'use client';

import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { QUERY_ROOTS } from '@/lib/api/query-keys';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { useToast } from '@/components/ui/toast';
import { ApiError } from '@/lib/api';
import { errorMessage } from '@/lib/api/errors';
import { useI18n } from '@/lib/i18n';
import { removeCallFromList } from './lists.api';
import * as listsMessages from '@/lib/i18n/messages/lists';

/**
 * "Retirer de la liste": the selected contacts become their owners' personal calls again. One request
 * per contact (each is atomic and audited on its own); a contact already off the list (404) counts as
 * done, and the first other refusal stops the run and says how far it went.
 */
export function RemoveDialog({
  listId,
  callIds,
  onClose,
  onRemoved,
}: {
  listId: string;
  callIds: string[];
  onClose: () => void;
  onRemoved: () => void;
}) {
  const { t } = useI18n({ lists: listsMessages });
  const copy = t.lists.remove;
  const toast = useToast();
  const queryClient = useQueryClient();
  const [done, setDone] = useState(0);

  const mutation = useMutation({
    mutationFn: async () => {
      let removed = 0;
      try {
        for (const callId of callIds) {
          try {
            await removeCallFromList(listId, callId);
          } catch (error) {
            if (!(error instanceof ApiError && error.status === 404)) throw error;
          }
          removed += 1;
          setDone(removed);
        }
      } catch (error) {
        throw Object.assign(new Error('partly'), { cause: error, removed });
      }
      return removed;
    },
    onSettled: () =>
      // The list's contacts and counts moved, and so did the owners' own calls.
      Promise.all([
        queryClient.invalidateQueries({ queryKey: QUERY_ROOTS.calls }),
        queryClient.invalidateQueries({ queryKey: QUERY_ROOTS.lists }),
      ]),
    onSuccess: (removed) => {
      toast.success(copy.done(removed));
      onRemoved();
    },
    onError: (error: Error & { removed?: number }) => {
      const removed = error.removed ?? 0;
      const reason = errorMessage(error.cause ?? error, t);
      toast.error(removed > 0 ? `${copy.partly(removed, callIds.length)} ${reason}` : `${copy.failed} ${reason}`);
      if (removed > 0) onRemoved();
    },
  });

  return (
    <Dialog
      open
      onClose={onClose}
      title={copy.title(callIds.length)}
      description={copy.description}
      closeLabel={t.ui.close}
      role="alertdialog"
      size="sm"
      footer={
        <DialogActions
          cancelLabel={copy.cancel}
          onCancel={onClose}
          label={mutation.isPending ? copy.progress(done, callIds.length) : copy.submit}
          onAction={() => mutation.mutate()}
          isPending={mutation.isPending}
          variant="danger"
          hasAutofocus
        />
      }
    />
  );
}
