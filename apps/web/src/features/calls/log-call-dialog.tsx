'use client';

import { useId } from 'react';
import { Dialog } from '@/components/ui/dialog';
import { useI18n } from '@/lib/i18n';
import type { Outcome } from '@/lib/i18n/labels';
import { LogCallForm, type LogCallTarget } from './log-call-form';
import * as callsMessages from '@/lib/i18n/messages/calls';

/** "Log a call" as a compact dialog, from anywhere a call appears. */
export function LogCallDialog({
  target,
  initialStatus,
  onClose,
}: {
  target: LogCallTarget;
  initialStatus?: Outcome;
  onClose: () => void;
}) {
  const { t } = useI18n({ calls: callsMessages });
  const formId = useId();
  return (
    <Dialog open onClose={onClose} title={t.calls.log.title(target.name)} closeLabel={t.ui.close} isDismissable={false}>
      <LogCallForm
        target={target}
        formId={formId}
        {...(initialStatus ? { initialStatus } : {})}
        onLogged={onClose}
        onCancel={onClose}
      />
    </Dialog>
  );
}
