'use client';

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import dynamic from 'next/dynamic';
import { useToast } from '@/components/ui/toast';
import { useI18n } from '@/lib/i18n';
import type { CallFormMode } from './call-form-dialog';
import { contactName, type Outcome } from '@/lib/i18n/labels';
import type { LogCallTarget } from './log-call-form';
import { useTelFollowUp } from './tel-follow-up';
import { useDeleteCall } from './use-call-mutations';
import { useUserSettings } from '@/features/settings/use-user-settings';
import * as callMessages from '@/lib/i18n/messages/call';

interface DeleteTarget {
  id: string;
  name: string;
  etag?: string;
}

export interface CallDialogs {
  openDetail: (callId: string) => void;
  openCreate: () => void;
  openEdit: (callId: string) => void;
  openLog: (target: LogCallTarget, initialStatus?: Outcome) => void;
  /** Deletes — after a confirmation when the user's settings ask for one — then offers to undo. */
  requestDelete: (target: DeleteTarget) => void;
}

// The dialogs load when first opened, not with the page: the forms carry react-hook-form and zod, the
// detail the contact's history, and all of them the dialog primitive.
const CallDetailDialog = dynamic(() => import('./call-detail-dialog').then((module) => module.CallDetailDialog), {
  ssr: false,
});
const DeleteCallDialog = dynamic(() => import('./delete-call-dialog').then((module) => module.DeleteCallDialog), {
  ssr: false,
});
const CallFormDialog = dynamic(() => import('./call-form-dialog').then((module) => module.CallFormDialog), {
  ssr: false,
});
const LogCallDialog = dynamic(() => import('./log-call-dialog').then((module) => module.LogCallDialog), { ssr: false });

const CallDialogsContext = createContext<CallDialogs | null>(null);

/**
 * The dialogs every page showing calls shares — detail, create/edit, log a call, delete — and the
 * "log this call?" offer after a `tel:` link. Pages call `useCallDialogs()` to open them.
 */
export function CallDialogsProvider({
  children,
  onDetailClosed,
}: {
  children: ReactNode;
  onDetailClosed?: () => void;
}) {
  const { t } = useI18n({ call: callMessages });
  const toast = useToast();
  const { settings } = useUserSettings();
  const deleteCall = useDeleteCall();
  const [detailId, setDetailId] = useState<string | null>(null);
  const [form, setForm] = useState<CallFormMode | null>(null);
  const [log, setLog] = useState<{ target: LogCallTarget; initialStatus?: Outcome } | null>(null);
  const [confirming, setConfirming] = useState<DeleteTarget | null>(null);

  const remove = useCallback(
    (target: DeleteTarget) =>
      deleteCall.mutate(target, {
        onSuccess: () => {
          setConfirming(null);
          setDetailId((current) => (current === target.id ? null : current));
        },
      }),
    [deleteCall],
  );

  const dialogs = useMemo<CallDialogs>(
    () => ({
      openDetail: setDetailId,
      openCreate: () => setForm({ kind: 'create' }),
      openEdit: (callId) => setForm({ kind: 'edit', callId }),
      openLog: (target, initialStatus) => setLog({ target, ...(initialStatus ? { initialStatus } : {}) }),
      requestDelete: (target) => (settings.confirmBeforeDelete ? setConfirming(target) : remove(target)),
    }),
    [settings.confirmBeforeDelete, remove],
  );

  useTelFollowUp(
    useCallback(
      (dial) =>
        toast.info(t.call.followUp.prompt(dial.name), {
          duration: 20_000,
          action: {
            label: t.call.followUp.action,
            onClick: () => setLog({ target: { callId: dial.callId, name: dial.name } }),
          },
        }),
      [toast, t],
    ),
  );

  const closeDetail = () => {
    setDetailId(null);
    onDetailClosed?.();
  };

  return (
    <CallDialogsContext value={dialogs}>
      {children}
      {detailId ? (
        <CallDetailDialog
          callId={detailId}
          onClose={closeDetail}
          actions={{
            onLog: (call) =>
              setLog({
                target: {
                  callId: call.id,
                  name: contactName(call, t.call.unnamed),
                  unreachable: call.unreachable,
                  unansweredStreak: call.unansweredStreak,
                },
              }),
            onEdit: (call) => setForm({ kind: 'edit', callId: call.id }),
            onDelete: (call, etag) =>
              dialogs.requestDelete({ id: call.id, name: contactName(call, t.call.unnamed), etag }),
          }}
        />
      ) : null}
      {form ? <CallFormDialog mode={form} onClose={() => setForm(null)} /> : null}
      {log ? (
        <LogCallDialog
          target={log.target}
          {...(log.initialStatus ? { initialStatus: log.initialStatus } : {})}
          onClose={() => setLog(null)}
        />
      ) : null}
      {confirming ? (
        <DeleteCallDialog
          name={confirming.name}
          isPending={deleteCall.isPending}
          onCancel={() => setConfirming(null)}
          onConfirm={() => remove(confirming)}
        />
      ) : null}
    </CallDialogsContext>
  );
}

export function useCallDialogs(): CallDialogs {
  const dialogs = useContext(CallDialogsContext);
  if (!dialogs) throw new Error('useCallDialogs must be used inside <CallDialogsProvider>');
  return dialogs;
}
