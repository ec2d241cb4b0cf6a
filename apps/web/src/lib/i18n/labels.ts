'use client';

import { useMemo } from 'react';
import {
  CALL_STATUS_LABELS,
  CALL_TYPE_LABELS,
  REMINDER_PRIORITY_LABELS,
  type CallStatus,
  type CallType,
  type ReminderPriority,
} from '@ct/contracts/enums';
import { useI18n } from './i18n-provider';

/** The domain vocabularies in the user's language (one source: the contracts' labels). */
export function useDomainLabels() {
  const { language } = useI18n();
  return useMemo(
    () => ({
      status: (status: CallStatus) => CALL_STATUS_LABELS[status][language],
      type: (type: CallType) => CALL_TYPE_LABELS[type][language],
      priority: (priority: ReminderPriority) => REMINDER_PRIORITY_LABELS[priority][language],
    }),
    [language],
  );
}

/** The outcomes a caller logs, in the order of their keyboard shortcuts (1…7). */
export const OUTCOMES = [
  'no_answer',
  'voicemail',
  'callback',
  'reached',
  'not_interested',
  'wrong_number',
  'done',
] as const satisfies readonly CallStatus[];
export type Outcome = (typeof OUTCOMES)[number];

export function contactName(contact: { firstName: string; lastName: string }, fallback: string) {
  return `${contact.firstName} ${contact.lastName}`.trim() || fallback;
}
