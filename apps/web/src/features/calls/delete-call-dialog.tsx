'use client';

import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Spinner } from '@/components/ui/spinner';
import { useI18n } from '@/lib/i18n';
import * as callMessages from '@/lib/i18n/messages/call';

/** "Delete this call?" — asked when the user's settings want a confirmation before deleting. */
export function DeleteCallDialog({
  name,
  isPending,
  onCancel,
  onConfirm,
}: {
  name: string;
  isPending: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { t } = useI18n({ call: callMessages });
  return (
    <Dialog
      open
      onClose={onCancel}
      role="alertdialog"
      size="sm"
      title={t.call.remove.title}
      description={t.call.remove.body(name)}
      closeLabel={t.ui.close}
      footer={
        <>
          <Button variant="secondary" onClick={onCancel} data-autofocus>
            {t.call.remove.cancel}
          </Button>
          <Button variant="danger" disabled={isPending} onClick={onConfirm}>
            {isPending ? <Spinner /> : null}
            {t.call.remove.confirm}
          </Button>
        </>
      }
    />
  );
}
