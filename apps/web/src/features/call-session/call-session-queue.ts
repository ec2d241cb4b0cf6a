'use client';

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { CallFilters } from '@/features/calls/call-filters';
import type { Call } from '@/features/calls/calls.api';
import { contactName } from '@/lib/i18n/labels';
import type { Reminder } from '@/features/reminders/reminders.api';
import { callSessionQueries } from './call-session.queries';

export type CallSessionItem =
  | { key: string; kind: 'reminder'; callId: string; name: string; reminder: Reminder }
  | { key: string; kind: 'call'; callId: string; name: string; call: Call };

/**
 * The session's queue: today's due reminders (overdue first, in the user's order), then the calls of
 * the filtered list, each contact once. Fetched under `call-session` keys that no mutation invalidates, so
 * the queue stays put while the caller works through it; more of the list loads as they get near its end.
 */
export function useCallSessionQueue(filters: CallFilters, unnamed: string) {
  const reminders = useQuery(callSessionQueries.reminders());
  const calls = useInfiniteQuery(callSessionQueries.calls(filters));

  const items: CallSessionItem[] = [];
  const seen = new Set<string>();
  for (const reminder of reminders.data?.items ?? []) {
    if (seen.has(reminder.call.id)) continue;
    seen.add(reminder.call.id);
    items.push({
      key: `r:${reminder.id}`,
      kind: 'reminder',
      callId: reminder.call.id,
      name: contactName(reminder.call, unnamed),
      reminder,
    });
  }
  for (const page of calls.data?.pages ?? []) {
    for (const call of page.items) {
      if (seen.has(call.id)) continue;
      seen.add(call.id);
      items.push({ key: `c:${call.id}`, kind: 'call', callId: call.id, name: contactName(call, unnamed), call });
    }
  }
  const listTotal = calls.data?.pages[0]?.total ?? 0;
  const loadedFromList = (calls.data?.pages ?? []).reduce((sum, page) => sum + page.items.length, 0);

  return {
    items,
    /** Items still to load from the list (an estimate: a later page may repeat a reminder's contact). */
    total: items.length + Math.max(0, listTotal - loadedFromList),
    isLoading: reminders.isPending || calls.isPending,
    isError: reminders.isError || calls.isError,
    retry: () => {
      void reminders.refetch();
      void calls.refetch();
    },
    hasMore: calls.hasNextPage,
    isLoadingMore: calls.isFetchingNextPage,
    loadMore: () => void calls.fetchNextPage(),
  };
}
