'use client';

import { useQuery } from '@tanstack/react-query';
import { AlarmClock, History, Pencil, PhoneCall, Trash2, Undo2 } from 'lucide-react';
import { LoadError } from '@/components/query-state';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Skeleton } from '@/components/ui/skeleton';
import { useToast } from '@/components/ui/toast';
import { useFormatter } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { errorMessage, isNotFound } from '@/lib/api/errors';
import type { CallDetail } from './calls.api';
import { callQueries } from './calls.queries';
import { ContactClock } from './contact-clock';
import { contactName, useDomainLabels } from '@/lib/i18n/labels';
import { PhoneLink } from './phone-link';
import { PriorityBadge, StatusBadge } from '@/components/status-badge';
import { useUpdateCall } from './use-call-mutations';
import * as callsMessages from '@/lib/i18n/messages/calls';
import * as callMessages from '@/lib/i18n/messages/call';

export interface DetailActions {
  onLog: (call: CallDetail) => void;
  onEdit: (call: CallDetail) => void;
  onDelete: (call: CallDetail, etag: string) => void;
}

/** A contact's file: phone and local time, description, open reminders and the history of attempts. */
export function CallDetailDialog({
  callId,
  onClose,
  actions,
}: {
  callId: string;
  onClose: () => void;
  actions: DetailActions;
}) {
  const { t } = useI18n({ call: callMessages, calls: callsMessages });
  const copy = t.calls.detail;
  const detail = useQuery(callQueries.detail(callId));
  const call = detail.data?.call;
  const name = call ? contactName(call, t.call.unnamed) : copy.title;

  return (
    <Dialog
      open
      onClose={onClose}
      size="lg"
      title={name}
      closeLabel={t.ui.close}
      description={
        call ? (
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
            <PhoneLink source={call} callId={call.id} name={name} isFlagged={call.phoneFlagged} />
            <StatusBadge status={call.status} />
            {call.unreachable ? <Badge tone="rose">{t.call.unreachable}</Badge> : null}
          </span>
        ) : undefined
      }
      footer={
        call && detail.data ? (
          <>
            <Button
              variant="danger-ghost"
              className="sm:mr-auto"
              onClick={() => actions.onDelete(call, detail.data.etag)}
            >
              <Trash2 className="size-4" aria-hidden />
              {copy.delete}
            </Button>
            <Button variant="secondary" onClick={() => actions.onEdit(call)}>
              <Pencil className="size-4" aria-hidden />
              {copy.edit}
            </Button>
            <Button onClick={() => actions.onLog(call)}>
              <PhoneCall className="size-4" aria-hidden />
              {copy.log}
            </Button>
          </>
        ) : undefined
      }
    >
      {call && detail.data ? (
        <DetailBody call={call} etag={detail.data.etag} />
      ) : detail.isError ? (
        isNotFound(detail.error) ? (
          <LoadError variant="section" message={copy.notFound} />
        ) : (
          <LoadError variant="section" message={copy.loadError} onRetry={() => void detail.refetch()} />
        )
      ) : (
        <div className="space-y-4" aria-busy="true">
          <span className="sr-only">{t.common.loading}</span>
          <Skeleton className="h-5 w-1/3" />
          <Skeleton className="h-14" />
          <Skeleton className="h-5 w-1/4" />
          <Skeleton className="h-24" />
        </div>
      )}
    </Dialog>
  );
}

function DetailBody({ call, etag }: { call: CallDetail; etag: string }) {
  const { t } = useI18n({ call: callMessages, calls: callsMessages });
  const copy = t.calls.detail;
  const format = useFormatter();
  const labels = useDomainLabels();
  const toast = useToast();
  const update = useUpdateCall();

  const requeue = () =>
    update.mutate(
      { id: call.id, body: { unreachable: false }, etag },
      {
        onSuccess: () => toast.success(copy.requeued),
        onError: (error) => toast.error(errorMessage(error, t)),
      },
    );

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap gap-x-6 gap-y-2 text-sm text-slate-600 dark:text-slate-400">
        <span>{labels.type(call.type)}</span>
        <span>{copy.attempts(call.attempts)}</span>
        <span>{copy.created(format.date(call.createdAt))}</span>
        <ContactClock source={call} />
      </div>

      {call.unreachable ? (
        <div className="flex flex-col gap-3 rounded-xl border border-rose-200 bg-rose-50 p-3.5 text-sm text-rose-900 sm:flex-row sm:items-center dark:border-rose-500/30 dark:bg-rose-500/10 dark:text-rose-100">
          <p className="flex-1">{copy.unreachableHint(call.unansweredStreak)}</p>
          <Button variant="secondary" onClick={requeue} disabled={update.isPending}>
            <Undo2 className="size-4" aria-hidden />
            {copy.giveAnotherChance}
          </Button>
        </div>
      ) : null}

      <section aria-labelledby="detail-description">
        <h3 id="detail-description" className="mb-1.5 text-sm font-semibold text-slate-900 dark:text-white">
          {copy.description}
        </h3>
        <p className="text-sm whitespace-pre-wrap text-slate-700 dark:text-slate-300">
          {call.description || copy.noDescription}
        </p>
      </section>

      <section aria-labelledby="detail-reminders">
        <h3
          id="detail-reminders"
          className="mb-2 flex items-center gap-2 text-sm font-semibold text-slate-900 dark:text-white"
        >
          <AlarmClock className="size-4 text-iris-600 dark:text-iris-300" aria-hidden />
          {copy.reminders}
        </h3>
        {call.openReminders.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">{copy.noReminders}</p>
        ) : (
          <ul className="space-y-2">
            {call.openReminders.map((reminder) => (
              <li
                key={reminder.id}
                className="flex flex-wrap items-center gap-2 rounded-xl bg-slate-50 px-3 py-2 text-sm dark:bg-night-800"
              >
                <span className="font-medium text-slate-900 tabular-nums dark:text-white">
                  {format.dayTime(reminder.scheduledAt)}
                </span>
                <PriorityBadge priority={reminder.priority} />
                {reminder.overdue ? <Badge tone="rose">{copy.overdue}</Badge> : null}
                {reminder.note ? (
                  <span className="w-full text-slate-600 dark:text-slate-400">{reminder.note}</span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="detail-history">
        <h3
          id="detail-history"
          className="mb-2 flex items-center gap-2 text-sm font-semibold text-slate-900 dark:text-white"
        >
          <History className="size-4 text-iris-600 dark:text-iris-300" aria-hidden />
          {copy.history}
        </h3>
        {call.history.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">{copy.noHistory}</p>
        ) : (
          <ol className="relative space-y-4 border-l border-slate-200 pl-5 dark:border-night-700">
            {call.history.map((entry) => (
              <li key={entry.id} className="relative">
                <span
                  className="absolute top-1.5 -left-[1.64rem] size-2.5 rounded-full border-2 border-white bg-iris-500 dark:border-night-900"
                  aria-hidden
                />
                <div className="flex flex-wrap items-center gap-2">
                  <StatusBadge status={entry.status} />
                  <time dateTime={entry.occurredAt} className="text-xs text-slate-600 tabular-nums dark:text-slate-400">
                    {format.dateTime(entry.occurredAt)}
                  </time>
                </div>
                {entry.note ? (
                  <p className="mt-1 text-sm whitespace-pre-wrap text-slate-700 dark:text-slate-300">{entry.note}</p>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
