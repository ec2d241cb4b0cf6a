'use client';

import type { ReactNode, RefObject } from 'react';
import { useQuery } from '@tanstack/react-query';
import { AlarmClock, ArrowLeft, ArrowRight, Keyboard, Pencil } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { Kbd } from '@/components/ui/kbd';
import { Skeleton } from '@/components/ui/skeleton';
import { callQueries } from '@/features/calls/calls.queries';
import { ContactClock } from '@/features/calls/contact-clock';
import { useDomainLabels } from '@/lib/i18n/labels';
import { LogCallForm, type LogCallFormControl } from '@/features/calls/log-call-form';
import { PhoneLink } from '@/features/calls/phone-link';
import { PriorityBadge, StatusBadge } from '@/components/status-badge';
import { cn } from '@/lib/cn';
import { useFormatter } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import type { CallSessionItem } from './call-session-queue';
import * as callsMessages from '@/lib/i18n/messages/calls';
import * as callMessages from '@/lib/i18n/messages/call';
import * as callSessionMessages from '@/lib/i18n/messages/call-session';

const actionButton =
  'inline-flex h-10 items-center gap-2 rounded-xl border border-slate-200 bg-white px-3 text-sm font-medium text-slate-700 transition hover:bg-slate-50 ' +
  'disabled:cursor-not-allowed disabled:opacity-50 dark:border-night-700 dark:bg-night-800 dark:text-slate-200 dark:hover:bg-night-700';

/** The contact on screen: who, how to reach them, what was said before, and the outcome to log. */
export function CallSessionCard({
  item,
  positionLabel,
  sourceLabel,
  meta,
  aside,
  cardRef,
  controlRef,
  formId,
  onLogged,
  onNext,
  nextLabel,
  onPrevious,
  onSnooze,
  onEdit,
  onHelp,
}: {
  item: CallSessionItem;
  /** "Contact 2 sur 9", or where the shared list stands. */
  positionLabel: string;
  /** The badge of a contact that is not a due reminder (the list it comes from). */
  sourceLabel?: string | undefined;
  /** Beside the badges: the lease's remaining time on a team list. */
  meta?: ReactNode;
  /** Under the last notes: who else is on the team list. */
  aside?: ReactNode;
  cardRef: RefObject<HTMLElement | null>;
  controlRef: RefObject<LogCallFormControl | null>;
  formId: string;
  onLogged: () => void;
  onNext: () => void;
  /** The next button's label: "Passer" on a team list, where the contact goes back to the colleagues. */
  nextLabel?: string | undefined;
  /** Undefined: nothing before (the button is disabled); null: no going back in this session (hidden). */
  onPrevious: (() => void) | null | undefined;
  /** Left out where the action is not offered (hidden). */
  onSnooze?: (() => void) | undefined;
  onEdit?: (() => void) | undefined;
  onHelp: () => void;
}) {
  const { t } = useI18n({ call: callMessages, calls: callsMessages, callSession: callSessionMessages });
  const copy = t.callSession;
  const format = useFormatter();
  const labels = useDomainLabels();
  const detail = useQuery(callQueries.detail(item.callId));
  const call = detail.data?.call ?? (item.kind === 'call' ? item.call : undefined);
  const phoneSource = item.kind === 'call' ? item.call : (detail.data?.call ?? item.reminder.call);
  const status = call?.status ?? (item.kind === 'reminder' ? item.reminder.call.status : undefined);
  const history = detail.data?.call.history.slice(0, 3);

  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <Card className="p-5 sm:p-6">
        <div className="mb-4 flex flex-wrap items-center gap-2 text-xs font-medium text-slate-600 dark:text-slate-400">
          <span className="tabular-nums">{positionLabel}</span>
          <span aria-hidden>·</span>
          {item.kind === 'reminder' ? (
            <>
              <Badge tone={item.reminder.overdue ? 'rose' : 'iris'}>
                <AlarmClock className="size-3" aria-hidden />
                {copy.fromReminder} {copy.dueAt(format.dayTime(item.reminder.scheduledAt).toLowerCase())}
              </Badge>
              <PriorityBadge priority={item.reminder.priority} />
            </>
          ) : (
            <Badge tone="slate">{sourceLabel ?? copy.fromList}</Badge>
          )}
          {meta}
        </div>

        <h2
          ref={cardRef as RefObject<HTMLHeadingElement | null>}
          tabIndex={-1}
          className="rounded-lg text-2xl font-bold tracking-tight text-slate-900 outline-none focus-visible:outline-2 dark:text-white"
        >
          {item.name}
        </h2>
        <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-2">
          <PhoneLink
            source={phoneSource}
            callId={item.callId}
            name={item.name}
            isFlagged={call?.phoneFlagged}
            className="text-lg"
          />
          {status ? <StatusBadge status={status} /> : null}
          {call?.unreachable ? <Badge tone="rose">{t.call.unreachable}</Badge> : null}
          <ContactClock source={phoneSource} />
        </div>
        {call ? (
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
            {labels.type(call.type)} · {t.calls.detail.attempts(call.attempts)}
          </p>
        ) : null}
        {call?.description ? (
          <p className="mt-3 text-sm whitespace-pre-wrap text-slate-700 dark:text-slate-300">{call.description}</p>
        ) : null}
        {item.kind === 'reminder' && item.reminder.note ? (
          <p className="mt-3 rounded-lg bg-iris-50 px-3 py-2 text-sm text-iris-900 dark:bg-iris-500/10 dark:text-iris-100">
            {item.reminder.note}
          </p>
        ) : null}

        <div className="mt-6 border-t border-slate-100 pt-5 dark:border-night-800">
          <LogCallForm
            target={{
              callId: item.callId,
              name: item.name,
              ...(call ? { unreachable: call.unreachable, unansweredStreak: call.unansweredStreak } : {}),
            }}
            formId={formId}
            controlRef={controlRef}
            enableDigitKeys={false}
            submitLabel={copy.logAndNext}
            onLogged={onLogged}
          />
        </div>
      </Card>

      <div className="space-y-4">
        <Card className="p-4">
          <div className="grid grid-cols-2 gap-2">
            <button type="button" className={actionButton} onClick={onNext} aria-keyshortcuts="N">
              <ArrowRight className="size-4" aria-hidden />
              {nextLabel ?? copy.next}
              <Kbd className="ml-auto">N</Kbd>
            </button>
            {onSnooze ? (
              <button type="button" className={actionButton} onClick={onSnooze} aria-keyshortcuts="S">
                <AlarmClock className="size-4" aria-hidden />
                {copy.snooze}
                <Kbd className="ml-auto">S</Kbd>
              </button>
            ) : null}
            {onEdit ? (
              <button type="button" className={actionButton} onClick={onEdit} aria-keyshortcuts="E">
                <Pencil className="size-4" aria-hidden />
                {copy.edit}
                <Kbd className="ml-auto">E</Kbd>
              </button>
            ) : null}
            <button type="button" className={actionButton} onClick={onHelp} aria-keyshortcuts="?">
              <Keyboard className="size-4" aria-hidden />
              {copy.shortcuts}
              <Kbd className="ml-auto">?</Kbd>
            </button>
            {onPrevious === null ? null : (
              <button
                type="button"
                className={cn(actionButton, 'col-span-2')}
                onClick={onPrevious}
                disabled={!onPrevious}
                aria-keyshortcuts="P"
              >
                <ArrowLeft className="size-4" aria-hidden />
                {copy.previous}
                <Kbd className="ml-auto">P</Kbd>
              </button>
            )}
          </div>
        </Card>

        <Card className="p-4">
          <h3 className="mb-3 text-sm font-semibold text-slate-900 dark:text-white">{copy.lastNotes}</h3>
          {history === undefined ? (
            detail.isError ? (
              <p className="text-sm text-rose-700 dark:text-rose-300">{t.calls.detail.loadError}</p>
            ) : (
              <div className="space-y-2" aria-hidden>
                <Skeleton className="h-4 w-2/3" />
                <Skeleton className="h-4 w-1/2" />
              </div>
            )
          ) : history.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">{copy.noHistory}</p>
          ) : (
            <ol className="space-y-3">
              {history.map((entry) => (
                <li key={entry.id} className="text-sm">
                  <div className="flex flex-wrap items-center gap-2">
                    <StatusBadge status={entry.status} />
                    <time
                      dateTime={entry.occurredAt}
                      className="text-xs text-slate-600 tabular-nums dark:text-slate-400"
                    >
                      {format.dateTime(entry.occurredAt)}
                    </time>
                  </div>
                  {entry.note ? (
                    <p className="mt-1 whitespace-pre-wrap text-slate-700 dark:text-slate-300">{entry.note}</p>
                  ) : null}
                </li>
              ))}
            </ol>
          )}
        </Card>
        {aside}
      </div>
    </div>
  );
}
