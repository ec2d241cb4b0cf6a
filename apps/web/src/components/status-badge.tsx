'use client';

import type { CallStatus, ReminderPriority } from '@ct/contracts/enums';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { useDomainLabels } from '@/lib/i18n/labels';

/** The colour of each status and priority, wherever they are shown (badges, dots, outcome buttons). */
export const STATUS_TONES: Record<CallStatus, BadgeTone> = {
  to_call: 'iris',
  no_answer: 'amber',
  voicemail: 'orange',
  callback: 'violet',
  reached: 'sky',
  not_interested: 'slate',
  wrong_number: 'rose',
  done: 'emerald',
};

export const PRIORITY_TONES: Record<ReminderPriority, BadgeTone> = {
  low: 'slate',
  normal: 'sky',
  high: 'amber',
  urgent: 'rose',
};

export function StatusBadge({ status, className }: { status: CallStatus; className?: string }) {
  const labels = useDomainLabels();
  return (
    <Badge tone={STATUS_TONES[status]} hasDot className={className}>
      {labels.status(status)}
    </Badge>
  );
}

export function PriorityBadge({ priority, className }: { priority: ReminderPriority; className?: string }) {
  const labels = useDomainLabels();
  return (
    <Badge tone={PRIORITY_TONES[priority]} className={className}>
      {labels.priority(priority)}
    </Badge>
  );
}
