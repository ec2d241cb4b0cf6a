'use client';

import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { MoreHorizontal } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { MenuButton } from '@/components/ui/menu';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api/errors';
import { ApiError } from '@/lib/api';
import { useI18n } from '@/lib/i18n';
import { adminKeys, resetUserMfa, updateUser, type AdminUser } from './admin.api';
import * as adminMessages from '@/lib/i18n/messages/admin';

const ROLE_CHANGES = [
  { role: 'admin', label: 'makeAdmin' },
  { role: 'manager', label: 'makeManager' },
  { role: 'user', label: 'makeUser' },
] as const satisfies readonly { role: AdminUser['role']; label: string }[];

type Change =
  { kind: 'role'; role: AdminUser['role'] } | { kind: 'disabled'; disabled: boolean } | { kind: 'mfaReset' };

function applyChange(id: string, change: Change) {
  switch (change.kind) {
    case 'role':
      return updateUser(id, { role: change.role });
    case 'disabled':
      return updateUser(id, { disabled: change.disabled });
    case 'mfaReset':
      return resetUserMfa(id);
  }
}

/**
 * The row's menu: change the role, disable or enable, reset two-factor authentication (only shown
 * when it is on) — each after a confirmation.
 */
export function UserActions({ user, isSelf }: { user: AdminUser; isSelf: boolean }) {
  const { t } = useI18n({ admin: adminMessages });
  const copy = t.admin.users;
  const toast = useToast();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<Change | null>(null);

  const mutation = useMutation({
    mutationFn: (change: Change) => applyChange(user.id, change),
    onSuccess: async (updated, change) => {
      await queryClient.invalidateQueries({ queryKey: adminKeys.all });
      toast.success(change.kind === 'mfaReset' ? copy.mfaReset(updated.name) : copy.updated(updated.name));
      setPending(null);
    },
    onError: (error, change) => {
      toast.error(failureMessage(error, change));
      // The list may be out of date (2FA turned off meanwhile): show what is true now.
      if (change.kind === 'mfaReset') void queryClient.invalidateQueries({ queryKey: adminKeys.all });
      setPending(null);
    },
  });

  function failureMessage(error: Error, change: Change): string {
    const isConflict = error instanceof ApiError && error.status === 409;
    if (change.kind !== 'mfaReset')
      return isConflict ? copy.lastAdmin : `${copy.updateFailed} ${errorMessage(error, t)}`;
    const code = isConflict ? error.problem?.code : undefined;
    if (code === 'mfa_not_enabled') return copy.mfaNotEnabled;
    if (code === 'mfa_reset_self') return copy.mfaResetSelf;
    return `${copy.mfaResetFailed} ${errorMessage(error, t)}`;
  }

  const confirmCopy = pending
    ? pending.kind === 'mfaReset'
      ? { title: copy.confirm.resetMfaTitle(user.name), body: copy.confirm.resetMfaBody }
      : pending.kind === 'role'
        ? {
            admin: { title: copy.confirm.makeAdminTitle(user.name), body: copy.confirm.makeAdminBody },
            manager: { title: copy.confirm.makeManagerTitle(user.name), body: copy.confirm.makeManagerBody },
            user: { title: copy.confirm.makeUserTitle(user.name), body: copy.confirm.makeUserBody },
          }[pending.role]
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
          ...ROLE_CHANGES.filter(({ role }) => role !== user.role).map(({ role, label }) => ({
            key: `role-${role}`,
            label: copy[label],
            // An admin does not give up their own rights from here (the API also keeps the last admin).
            disabled: isSelf && user.role === 'admin',
            onSelect: () => setPending({ kind: 'role', role }),
          })),
          user.disabled
            ? { key: 'disabled', label: copy.enable, onSelect: () => setPending({ kind: 'disabled', disabled: false }) }
            : {
                key: 'disabled',
                label: copy.disable,
                disabled: isSelf,
                onSelect: () => setPending({ kind: 'disabled', disabled: true }),
              },
          ...(user.mfaEnabled
            ? [
                {
                  key: 'mfa-reset',
                  label: copy.resetMfa,
                  disabled: isSelf,
                  onSelect: () => setPending({ kind: 'mfaReset' }),
                },
              ]
            : []),
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
