'use client';

import { useCallback, useEffect, useId, useRef, useState } from 'react';
import Link from 'next/link';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { LIST_PRESENCE_EVENT } from '@ct/contracts/constants';
import { ArchiveX, Coffee, SearchX } from 'lucide-react';
import { LoadError } from '@/components/query-state';
import { Button, buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { useCallDialogs } from '@/features/calls/call-dialogs';
import type { LogCallFormControl } from '@/features/calls/log-call-form';
import { ApiError } from '@/lib/api';
import { useI18n } from '@/lib/i18n';
import { contactName, OUTCOMES } from '@/lib/i18n/labels';
import { useLiveEvent } from '@/lib/live-events';
import { CallSessionCard } from './call-session-card';
import { ShortcutsDialog } from './call-session-dialogs';
import { LeaseTimer } from './lease-timer';
import { ListPresencePanel } from './list-presence-panel';
import { PRESENCE_POLL_MS, teamListKeys, teamListQueries } from './team-list.api';
import { useSessionKeys } from './use-session-keys';
import { useTeamListQueue } from './use-team-list-queue';
import * as callMessages from '@/lib/i18n/messages/call';
import * as callSessionMessages from '@/lib/i18n/messages/call-session';

/**
 * The call session on a team list: the contact on screen is claimed from the shared queue and held
 * for this caller alone (the remaining time shows discreetly); N gives it back and takes the next,
 * logging moves on; "who else" shows the colleagues on the same list and whom they are calling.
 */
export function TeamListSession({ listId }: { listId: string }) {
  const { t } = useI18n({ call: callMessages, callSession: callSessionMessages });
  const copy = t.callSession.team;
  const queryClient = useQueryClient();
  const dialogs = useCallDialogs();
  const queue = useTeamListQueue(listId);
  const list = useQuery({ ...teamListQueries.detail(listId), refetchInterval: PRESENCE_POLL_MS });
  const [isHelpOpen, setIsHelpOpen] = useState(false);
  const controlRef = useRef<LogCallFormControl | null>(null);
  const cardRef = useRef<HTMLElement>(null);
  const formId = useId();

  useLiveEvent(LIST_PRESENCE_EVENT, (event) => {
    if (event.listId === listId) void queryClient.invalidateQueries({ queryKey: teamListKeys.detail(listId) });
  });

  const { state } = queue;
  const claim = state.status === 'holding' ? state.claim : null;
  const callId = claim?.call.id;
  // Each claim moves the list's progress and presence; the focus goes to the new contact's heading.
  useEffect(() => {
    if (state.status === 'claiming') return;
    void queryClient.invalidateQueries({ queryKey: teamListKeys.detail(listId) });
  }, [state.status, callId, listId, queryClient]);
  useEffect(() => {
    cardRef.current?.focus();
  }, [callId]);

  const openHelp = useCallback(() => setIsHelpOpen(true), []);
  const canEdit = list.data?.canEdit === true;
  const edit = useCallback(() => {
    if (callId) dialogs.openEdit(callId);
  }, [callId, dialogs]);
  useSessionKeys({
    hasContact: claim !== null,
    controlRef,
    cardRef,
    onHelp: openHelp,
    onNext: queue.skip,
    onEdit: canEdit ? edit : undefined,
  });

  const progress = list.data?.progress;

  return (
    <>
      <div className="mb-6 flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <div className="min-w-0">
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {list.data ? copy.description(list.data.name, list.data.teamName) : copy.descriptionLoading}
          </p>
          <p className="mt-1 text-xs text-slate-600 tabular-nums dark:text-slate-400" aria-live="polite">
            {copy.sessionCounts(queue.counts.logged, queue.counts.skipped)}
          </p>
        </div>
        <Link href="/session" className={buttonClasses('secondary', 'md', 'shrink-0 self-start sm:self-auto')}>
          {copy.end}
        </Link>
      </div>

      {state.status === 'claiming' ? (
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
      ) : state.status === 'error' ? (
        <ClaimError error={state.error} onRetry={queue.retry} />
      ) : state.status === 'empty' ? (
        <EmptyState
          icon={Coffee}
          title={copy.nobodyTitle}
          action={
            <div className="flex flex-wrap justify-center gap-2">
              <Button onClick={queue.retry}>{copy.lookAgain}</Button>
              {queue.skippedCount > 0 ? (
                <Button variant="secondary" onClick={queue.revisitSkipped}>
                  {copy.revisitSkipped}
                </Button>
              ) : null}
            </div>
          }
        >
          {copy.nobodyBody}
          {queue.counts.skipped > 0 ? copy.nobodySkipped(queue.counts.skipped) : null}
        </EmptyState>
      ) : (
        <CallSessionCard
          key={state.claim.call.id}
          item={{
            key: `c:${state.claim.call.id}`,
            kind: 'call',
            callId: state.claim.call.id,
            name: contactName(state.claim.call, t.call.unnamed),
            call: state.claim.call,
          }}
          positionLabel={progress ? copy.remaining(progress.remaining, progress.total) : ''}
          sourceLabel={list.data?.name}
          meta={<LeaseTimer expiresAt={state.claim.lease.expiresAt} onReclaim={queue.retry} />}
          aside={<ListPresencePanel list={list} />}
          cardRef={cardRef}
          controlRef={controlRef}
          formId={formId}
          onLogged={queue.logged}
          onNext={queue.skip}
          nextLabel={copy.skip}
          onPrevious={null}
          onEdit={canEdit ? edit : undefined}
          onHelp={openHelp}
        />
      )}

      {state.status !== 'holding' && state.status !== 'claiming' ? (
        <div className="mt-4">
          <ListPresencePanel list={list} />
        </div>
      ) : null}
      <ShortcutsDialog open={isHelpOpen} onClose={() => setIsHelpOpen(false)} items={copy.shortcutList} />
    </>
  );
}

/** A list that is not the caller's (404, or a malformed id: 400) or archived (409) says so; anything else can be retried. */
function ClaimError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useI18n({ call: callMessages, callSession: callSessionMessages });
  const copy = t.callSession.team;
  const status = error instanceof ApiError ? error.status : null;
  if (status === 400 || status === 404 || status === 409) {
    return (
      <EmptyState
        icon={status === 409 ? ArchiveX : SearchX}
        title={status === 409 ? copy.archivedTitle : copy.notFoundTitle}
        action={
          <Link href="/session" className={buttonClasses('secondary')}>
            {copy.backToSession}
          </Link>
        }
      >
        {status === 409 ? copy.archived : copy.notFound}
      </EmptyState>
    );
  }
  return <LoadError message={copy.claimError} onRetry={onRetry} />;
}
