'use client';

import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { MoreHorizontal } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { MenuButton } from '@/components/ui/menu';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { errorMessage } from '@/features/calls/api-errors';
import { ApiError } from '@/lib/api';
import { useI18n } from '@/lib/i18n';
import { adminKeys, updateUser, type AdminUser } from './admin.api';

type Change = { kind: 'role'; role: AdminUser['role'] } | { kind: 'disabled'; disabled: boolean };

/** The row's menu: change the role, disable or enable — each after a confirmation. */
export function UserActions({ user, isSelf }: { user: AdminUser; isSelf: boolean }) {
  const { t } = useI18n();
  const copy = t.admin.users;
  const toast = useToast();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<Change | null>(null);

  const mutation = useMutation({
    mutationFn: (change: Change) =>
      updateUser(user.id, change.kind === 'role' ? { role: change.role } : { disabled: change.disabled }),
    onSuccess: async (updated) => {
      await queryClient.invalidateQueries({ queryKey: adminKeys.all });
      toast.success(copy.updated(updated.name));
      setPending(null);
    },
    onError: (error) => {
      const isLastAdmin = error instanceof ApiError && error.status === 409;
      toast.error(isLastAdmin ? copy.lastAdmin : `${copy.updateFailed} ${errorMessage(error, t)}`);
      setPending(null);
    },
  });

  const confirmCopy = pending
    ? pending.kind === 'role'
      ? pending.role === 'admin'
        ? { title: copy.confirm.makeAdminTitle(user.name), body: copy.confirm.makeAdminBody }
        : { title: copy.confirm.makeUserTitle(user.name), body: copy.confirm.makeUserBody }
      : pending.disabled
        ? { title: copy.confirm.disableTitle(user.name), body: copy.confirm.disableBody }
        : { title: copy.confirm.enableTitle(user.name), body: copy.confirm.enableBody }
    : null;

  return (
    <>
      <MenuButton
        label={copy.rowActions(user.name)}
        isIconOnly
        align="right"
        triggerClassName="inline-flex size-9 items-center justify-center rounded-lg text-slate-500 transition hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-night-800 dark:hover:text-white"
        items={[
          user.role === 'admin'
            ? {
                key: 'role',
                label: copy.makeUser,
                disabled: isSelf,
                onSelect: () => setPending({ kind: 'role', role: 'user' }),
              }
            : { key: 'role', label: copy.makeAdmin, onSelect: () => setPending({ kind: 'role', role: 'admin' }) },
          user.disabled
            ? { key: 'disabled', label: copy.enable, onSelect: () => setPending({ kind: 'disabled', disabled: false }) }
            : {
                key: 'disabled',
                label: copy.disable,
                disabled: isSelf,
                onSelect: () => setPending({ kind: 'disabled', disabled: true }),
              },
        ]}
      >
        <MoreHorizontal className="size-5" aria-hidden />
      </MenuButton>

      <Dialog
        open={pending !== null}
        onClose={() => (mutation.isPending ? undefined : setPending(null))}
        title={confirmCopy?.title ?? ''}
        description={confirmCopy?.body}
        closeLabel={t.ui.close}
        role="alertdialog"
        size="sm"
        footer={
          <>
            <Button variant="secondary" onClick={() => setPending(null)} disabled={mutation.isPending}>
              {copy.confirm.cancel}
            </Button>
            <Button onClick={() => pending && mutation.mutate(pending)} disabled={mutation.isPending} data-autofocus>
              {mutation.isPending ? <Spinner /> : null}
              {copy.confirm.confirm}
            </Button>
          </>
        }
      >
        <p className="text-sm text-slate-700 dark:text-slate-300">
          {user.name} · {user.email}
        </p>
      </Dialog>
    </>
  );
}
