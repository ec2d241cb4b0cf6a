'use client';

import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useQueryClient } from '@tanstack/react-query';
import { PartyPopper, PhoneOff } from 'lucide-react';
import { LoadError } from '@/components/query-state';
import { Button, buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { CallDialogsProvider, useCallDialogs } from '@/features/calls/call-dialogs';
import { filtersFromSearchParams, filtersToSearch, isFiltered } from '@/features/calls/call-filters';
import { callQueries } from '@/features/calls/calls.queries';
import { OUTCOMES } from '@/lib/i18n/labels';
import type { LogCallFormControl } from '@/features/calls/log-call-form';
import { useI18n } from '@/lib/i18n';
import { CallSessionCard } from './call-session-card';
import { useCallSessionQueue, type CallSessionItem } from './call-session-queue';
import { ShortcutsDialog, SnoozeDialog } from './call-session-dialogs';
import { TeamListPicker } from './team-list-picker';
import { TeamListSession } from './team-list-session';
import { useSessionKeys } from './use-session-keys';
import * as callMessages from '@/lib/i18n/messages/call';
import * as callSessionMessages from '@/lib/i18n/messages/call-session';

type Outcome = 'logged' | 'skipped' | 'snoozed';

/** `?listId=` runs the session on a team list's shared queue; without it, on your own calls. */
export function CallSessionPage() {
  const listId = useSearchParams().get('listId');
  return (
    <CallDialogsProvider>
      {listId ? <TeamListSession key={listId} listId={listId} /> : <CallSessionView />}
    </CallDialogsProvider>
  );
}

/**
 * The call session: one contact at a time, keyboard first. 1–7 pick the outcome, Enter logs it and moves
 * on (two keystrokes); N skips, P goes back, S snoozes (then 1–4), E edits, ? lists the shortcuts.
 */
function CallSessionView() {
  const { t } = useI18n({ call: callMessages, callSession: callSessionMessages });
  const copy = t.callSession;
  const searchParams = useSearchParams();
  const filters = useMemo(() => filtersFromSearchParams(searchParams), [searchParams]);
  const queue = useCallSessionQueue(filters, t.call.unnamed);
  const dialogs = useCallDialogs();
  const queryClient = useQueryClient();
  const [index, setIndex] = useState(0);
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>({});
  const [isSnoozing, setIsSnoozing] = useState(false);
  const [isHelpOpen, setIsHelpOpen] = useState(false);
  const controlRef = useRef<LogCallFormControl | null>(null);
  const cardRef = useRef<HTMLElement>(null);
  const formId = useId();

  const item: CallSessionItem | undefined = queue.items[index];
  const nextItem = queue.items[index + 1];
  const isFinished = !queue.isLoading && index >= queue.items.length && !queue.hasMore;

  // Keep the list coming as the caller nears its end, and have the next contact's file ready.
  const { hasMore, isLoadingMore, loadMore } = queue;
  useEffect(() => {
    if (hasMore && !isLoadingMore && index >= queue.items.length - 5) loadMore();
  }, [index, queue.items.length, hasMore, isLoadingMore, loadMore]);
  useEffect(() => {
    if (nextItem) void queryClient.prefetchQuery(callQueries.detail(nextItem.callId));
  }, [nextItem, queryClient]);

  // A new contact on screen: the focus goes to its heading (announced, and the shortcuts keep working).
  useEffect(() => {
    cardRef.current?.focus();
  }, [item?.key]);

  const advance = useCallback(
    (outcome: Outcome) => {
      if (!item) return;
      setOutcomes((current) => ({ ...current, [item.key]: outcome }));
      setIndex((current) => current + 1);
    },
    [item],
  );

  const goBack = useCallback(() => setIndex((current) => Math.max(0, current - 1)), []);
  const skip = useCallback(() => advance('skipped'), [advance]);
  const snooze = useCallback(() => setIsSnoozing(true), []);
  const openHelp = useCallback(() => setIsHelpOpen(true), []);
  const edit = useCallback(() => {
    if (item) dialogs.openEdit(item.callId);
  }, [item, dialogs]);
  useSessionKeys({
    hasContact: item !== undefined,
    controlRef,
    cardRef,
    onHelp: openHelp,
    onNext: skip,
    onPrevious: goBack,
    onSnooze: snooze,
    onEdit: edit,
  });

  const counts = Object.values(outcomes).reduce((sum, outcome) => ({ ...sum, [outcome]: sum[outcome] + 1 }), {
    logged: 0,
    skipped: 0,
    snoozed: 0,
  } as Record<Outcome, number>);
  const backLink = isFiltered(filters)
    ? { href: `/calls${filtersToSearch(filters)}`, label: copy.backToCalls }
    : { href: '/reminders', label: copy.backToReminders };

  return (
    <>
      <TeamListPicker />
      <div className="mb-6 flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {copy.description}
          {isFiltered(filters) ? (
            <span className="ml-1 font-medium text-iris-700 dark:text-iris-200">({copy.filtersActive})</span>
          ) : null}
        </p>
        <p className="text-xs text-slate-600 dark:text-slate-400">{copy.keyHint}</p>
      </div>

      {queue.isError && queue.items.length === 0 ? (
        <LoadError message={copy.loadError} onRetry={queue.retry} />
      ) : queue.isLoading || (!item && !isFinished) ? (
        <Card className="space-y-4 p-6" aria-busy="true">
          <span className="sr-only">{t.common.loading}</span>
          <Skeleton className="h-4 w-32" />
          <Skeleton className="h-8 w-64" />
          <Skeleton className="h-5 w-48" />
          <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
            {OUTCOMES.map((outcome) => (
              <Skeleton key={outcome} className="h-11" />
            ))}
          </div>
        </Card>
      ) : queue.items.length === 0 ? (
        <EmptyState
          icon={PhoneOff}
          title={copy.emptyTitle}
          action={
            <Link href={backLink.href} className={buttonClasses('secondary')}>
              {backLink.label}
            </Link>
          }
        >
          {copy.emptyBody}
        </EmptyState>
      ) : isFinished || !item ? (
        <EmptyState
          icon={PartyPopper}
          title={copy.doneTitle}
          action={
            <div className="flex flex-wrap justify-center gap-2">
              <Button variant="secondary" onClick={() => setIndex(0)}>
                {copy.restart}
              </Button>
              <Link href={backLink.href} className={buttonClasses('primary')}>
                {backLink.label}
              </Link>
            </div>
          }
        >
          {copy.doneBody(counts.logged, counts.skipped, counts.snoozed)}
        </EmptyState>
      ) : (
        <CallSessionCard
          key={item.key}
          item={item}
          positionLabel={copy.position(index + 1, queue.total)}
          cardRef={cardRef}
          controlRef={controlRef}
          formId={formId}
          onLogged={() => advance('logged')}
          onNext={skip}
          onPrevious={index > 0 ? goBack : undefined}
          onSnooze={snooze}
          onEdit={edit}
          onHelp={openHelp}
        />
      )}

      {isSnoozing && item ? (
        <SnoozeDialog
          item={item}
          onClose={() => setIsSnoozing(false)}
          onSnoozed={() => {
            setIsSnoozing(false);
            advance('snoozed');
          }}
        />
      ) : null}
      <ShortcutsDialog open={isHelpOpen} onClose={() => setIsHelpOpen(false)} items={copy.shortcutList} />
    </>
  );
}
