'use client';

import { useState } from 'react';
import dynamic from 'next/dynamic';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { MoreHorizontal } from 'lucide-react';
import { MenuButton } from '@/components/ui/menu';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api/errors';
import { cn } from '@/lib/cn';
import { useI18n } from '@/lib/i18n';
import { updateList, type TeamList } from './lists.api';
import { listKeys } from './lists.queries';
import * as listsMessages from '@/lib/i18n/messages/lists';

// Dialogs load when first opened, not with the page (their forms carry react-hook-form).
const ListFormDialog = dynamic(() => import('./list-form-dialog').then((module) => module.ListFormDialog), {
  ssr: false,
});

const iconButton =
  'inline-flex size-9 items-center justify-center rounded-lg text-slate-500 transition hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-night-800 dark:hover:text-white';

/** A list's menu for its leads and admins: rename and settings, archive or restore. */
export function ListActions({ list, className }: { list: TeamList; className?: string }) {
  const { t } = useI18n({ lists: listsMessages });
  const copy = t.lists;
  const toast = useToast();
  const queryClient = useQueryClient();
  const [isEditing, setIsEditing] = useState(false);
  const isArchived = list.archivedAt !== null;

  const archive = useMutation({
    mutationFn: (archived: boolean) => updateList(list.id, { archived }),
    onSuccess: async (saved, archived) => {
      await queryClient.invalidateQueries({ queryKey: listKeys.all });
      toast.success(archived ? copy.archivedToast(saved.name) : copy.restoredToast(saved.name));
    },
    onError: (error) => toast.error(`${copy.archiveFailed} ${errorMessage(error, t)}`),
  });

  return (
    <>
      <MenuButton
        label={copy.listActions(list.name)}
        isIconOnly
        align="right"
        triggerClassName={cn(iconButton, className)}
        items={[
          { key: 'edit', label: copy.edit, onSelect: () => setIsEditing(true) },
          isArchived
            ? { key: 'restore', label: copy.restore, onSelect: () => archive.mutate(false) }
            : { key: 'archive', label: copy.archive, onSelect: () => archive.mutate(true) },
        ]}
      >
        {archive.isPending ? <Spinner /> : <MoreHorizontal className="size-5" aria-hidden />}
      </MenuButton>
      {isEditing ? <ListFormDialog open onClose={() => setIsEditing(false)} list={list} /> : null}
    </>
  );
}

/** Remaining of total, as a bar and in words (the words are what assistive technology reads). */
export function ListProgress({ list }: { list: Pick<TeamList, 'name' | 'remaining' | 'total'> }) {
  const { t } = useI18n({ lists: listsMessages });
  const done = list.total - list.remaining;
  const percent = list.total ? Math.round((done / list.total) * 100) : 0;
  return (
    <div className="min-w-0">
      <div
        className="h-2 overflow-hidden rounded-full bg-slate-100 dark:bg-night-800"
        role="progressbar"
        aria-label={t.lists.progressLabel(list.name)}
        aria-valuemin={0}
        aria-valuemax={list.total}
        aria-valuenow={done}
        aria-valuetext={t.lists.remaining(list.remaining, list.total)}
      >
        <div
          className="h-full rounded-full bg-linear-to-r from-orchid-400 to-iris-500"
          style={{ width: `${percent}%` }}
        />
      </div>
      <p className="mt-1.5 text-xs text-slate-600 tabular-nums dark:text-slate-400">
        {t.lists.remaining(list.remaining, list.total)}
      </p>
    </div>
  );
}
