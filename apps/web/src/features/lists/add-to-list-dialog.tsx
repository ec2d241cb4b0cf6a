'use client';

import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CircleAlert } from 'lucide-react';
import { QUERY_ROOTS } from '@/lib/api/query-keys';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { SelectField } from '@/components/ui/field';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { ApiError } from '@/lib/api';
import { errorMessage } from '@/lib/api/errors';
import { useI18n } from '@/lib/i18n';
import { addCallsToList, TEAM_LIST_ADD_MAX } from './lists.api';
import * as addToListMessages from '@/lib/i18n/messages/add-to-list';
import { useFillableLists } from './use-fillable-lists';

/** What goes on the list: the calls ticked, or every call of the current filter (gathered on submit). */
export type AddToListSource =
  | { kind: 'selection'; callIds: string[] }
  | {
      kind: 'filtered';
      total: number;
      /** The ids of the filtered calls, at most `max`; `onProgress` hears how many are gathered so far. */
      collect: (max: number, onProgress: (count: number) => void) => Promise<string[]>;
    };

/** How many ids the API refused: the detail starts with the count; its errors[] stops at twenty. */
function refusedCount(error: ApiError): number {
  const fromDetail = Number(/^(\d+)\b/.exec(error.problem?.detail ?? '')?.[1]);
  return Number.isInteger(fromDetail) && fromDetail > 0 ? fromDetail : (error.problem?.errors?.length ?? 0);
}

/** "Ajouter à une liste": pick one of the lists you lead, then put the calls on it (all or nothing). */
export function AddToListDialog({
  source,
  onClose,
  onAdded,
}: {
  source: AddToListSource;
  onClose: () => void;
  onAdded: () => void;
}) {
  const { t } = useI18n({ addToList: addToListMessages });
  const copy = t.addToList;
  const toast = useToast();
  const queryClient = useQueryClient();
  const lists = useFillableLists();
  const choices = lists.data ?? [];
  const [listId, setListId] = useState('');
  const chosen = choices.find((list) => list.id === (listId || choices[0]?.id));
  const [refusal, setRefusal] = useState<string | null>(null);
  const [gathered, setGathered] = useState<number | null>(null);
  const count = source.kind === 'selection' ? source.callIds.length : Math.min(source.total, TEAM_LIST_ADD_MAX);

  const mutation = useMutation({
    mutationFn: async () => {
      if (!chosen) throw new Error('no list');
      const callIds =
        source.kind === 'selection' ? source.callIds : await source.collect(TEAM_LIST_ADD_MAX, setGathered);
      return { list: chosen, result: await addCallsToList(chosen.id, callIds) };
    },
    onSuccess: async ({ list, result }) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: QUERY_ROOTS.calls }),
        queryClient.invalidateQueries({ queryKey: QUERY_ROOTS.lists }),
      ]);
      const details = [
        result.moved ? copy.moved(result.moved) : null,
        result.alreadyOnList ? copy.already(result.alreadyOnList) : null,
      ].filter(Boolean);
      toast.success(`${copy.added(result.added, list.name)}${details.length ? ` (${details.join(', ')})` : ''}`);
      onAdded();
    },
    onError: (error) => {
      setGathered(null);
      if (error instanceof ApiError && error.problem?.code === 'list_archived') setRefusal(copy.archived);
      else if (error instanceof ApiError && error.status === 400 && error.problem?.errors?.length)
        setRefusal(copy.refused(refusedCount(error)));
      else setRefusal(`${copy.failed} ${errorMessage(error, t)}`);
    },
  });

  return (
    <Dialog
      open
      onClose={() => (mutation.isPending ? undefined : onClose())}
      title={source.kind === 'selection' ? copy.selectionTitle(count) : copy.filteredTitle(count)}
      description={copy.description}
      closeLabel={t.ui.close}
      size="sm"
      footer={
        <DialogActions
          cancelLabel={copy.cancel}
          onCancel={onClose}
          label={mutation.isPending && gathered !== null ? copy.collecting(gathered) : copy.submit}
          onAction={() => mutation.mutate()}
          isPending={mutation.isPending}
          isDisabled={!chosen}
        />
      }
    >
      <div className="space-y-4">
        {source.kind === 'filtered' && source.total > TEAM_LIST_ADD_MAX ? (
          <p className="rounded-xl bg-amber-50 px-3 py-2.5 text-sm text-amber-900 dark:bg-amber-500/10 dark:text-amber-200">
            {copy.capped(TEAM_LIST_ADD_MAX, source.total)}
          </p>
        ) : null}
        {lists.isPending ? (
          <Spinner />
        ) : choices.length === 0 ? (
          <p className="text-sm text-slate-700 dark:text-slate-300">{copy.noList}</p>
        ) : (
          <SelectField
            label={copy.list}
            value={chosen?.id ?? ''}
            onChange={(event) => {
              setListId(event.target.value);
              setRefusal(null);
            }}
            options={choices.map((list) => ({ value: list.id, label: `${list.name} · ${list.teamName}` }))}
          />
        )}
        {refusal ? (
          <p role="alert" className="flex gap-2 text-sm text-rose-700 dark:text-rose-300">
            <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
            {refusal}
          </p>
        ) : null}
      </div>
    </Dialog>
  );
}
