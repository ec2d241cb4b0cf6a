'use client';

import type { CallStatus, ReminderPriority } from '@ct/contracts/enums';
import { Badge } from '@/components/ui/badge';
import { PRIORITY_TONES, STATUS_TONES, useDomainLabels } from './labels';

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
