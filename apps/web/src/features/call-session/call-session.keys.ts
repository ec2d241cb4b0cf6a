import type { CallFilters } from '@/features/calls/call-filters';

/** The session's own cache entries: no call or reminder mutation invalidates them (the queue stays put). */
export const callSessionKeys = {
  reminders: ['session', 'reminders'] as const,
  calls: (filters: CallFilters) => ['session', 'calls', filters] as const,
};

export const CALL_SESSION_PAGE_SIZE = 50;
