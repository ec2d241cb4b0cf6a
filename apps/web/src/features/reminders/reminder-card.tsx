'use client';

import { AlarmClock, Check, ChevronDown, Flag, MoreHorizontal, PhoneCall } from 'lucide-react';
import { REMINDER_PRIORITIES, SNOOZE_PRESETS } from '@ct/contracts/enums';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { MenuButton } from '@/components/ui/menu';
import { Spinner } from '@/components/ui/spinner';
import { useCallDialogs } from '@/features/calls/call-dialogs';
import { ContactClock } from '@/features/calls/contact-clock';
import { contactName, useDomainLabels } from '@/lib/i18n/labels';
import { PhoneLink } from '@/features/calls/phone-link';
import { PriorityBadge, StatusBadge } from '@/components/status-badge';
import { cn } from '@/lib/cn';
import { useFormatter } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import type { Reminder } from './reminders.api';
import { useReminderMutations } from './use-reminder-mutations';
import * as callMessages from '@/lib/i18n/messages/call';
import * as remindersMessages from '@/lib/i18n/messages/reminders';

export type ReminderEmphasis = { isOverdue: boolean; isImminent: boolean; isUrgent: boolean };

/** Which highlight a reminder gets: overdue, imminent (within the pre-reminder delay), urgent (if on). */
export function emphasisOf(
  reminder: Reminder,
  now: Date,
  preReminderDelay: number,
  urgentHighlight: boolean,
): ReminderEmphasis {
  const dueIn = new Date(reminder.scheduledAt).getTime() - now.getTime();
  return {
    isOverdue: !reminder.done && dueIn < 0,
    isImminent: !reminder.done && dueIn >= 0 && dueIn <= preReminderDelay * 60_000,
    isUrgent: !reminder.done && urgentHighlight && reminder.priority === 'urgent',
  };
}

const smallButton =
  'inline-flex h-9 items-center gap-1.5 rounded-lg border border-slate-200 bg-white px-3 text-sm font-medium text-slate-700 transition hover:bg-slate-50 ' +
  'dark:border-night-700 dark:bg-night-800 dark:text-slate-200 dark:hover:bg-night-700';

export function ReminderCard({
  reminder,
  emphasis,
  now,
  onReschedule,
}: {
  reminder: Reminder;
  emphasis: ReminderEmphasis;
  now: Date;
  onReschedule: (reminder: Reminder) => void;
}) {
  const { t } = useI18n({ call: callMessages, reminders: remindersMessages });
  const copy = t.reminders;
  const format = useFormatter();
  const labels = useDomainLabels();
  const dialogs = useCallDialogs();
  const { markCalled, snooze, update } = useReminderMutations();
  const name = contactName(reminder.call, t.call.unnamed);
  const target = { id: reminder.id, version: reminder.version, name };
  const isBusy = markCalled.isPending || snooze.isPending || update.isPending;

  return (
    <li
      className={cn(
        'relative flex flex-col gap-4 rounded-2xl border bg-white p-4 shadow-soft transition sm:flex-row sm:items-center dark:bg-night-900',
        emphasis.isUrgent
          ? 'border-rose-300 bg-rose-50/60 dark:border-rose-500/50 dark:bg-rose-500/10'
          : emphasis.isImminent
            ? 'border-iris-300 ring-2 ring-iris-500/30 dark:border-iris-400/60'
            : 'border-slate-200/80 dark:border-night-800',
        reminder.done && 'opacity-80',
      )}
      aria-busy={isBusy}
    >
      {emphasis.isOverdue || emphasis.isImminent ? (
        <span
          className={cn(
            'absolute inset-y-3 left-0 w-1 rounded-r-full',
            emphasis.isOverdue ? 'bg-rose-500' : 'bg-linear-to-b from-orchid-400 to-iris-500',
          )}
          aria-hidden
        />
      ) : null}
      <div className="flex items-start gap-4 sm:w-36 sm:shrink-0 sm:flex-col sm:gap-1">
        <time dateTime={reminder.scheduledAt} className="text-lg font-bold text-slate-900 tabular-nums dark:text-white">
          {format.time(reminder.scheduledAt)}
        </time>
        <span className="text-xs text-slate-600 dark:text-slate-400">
          {reminder.done && reminder.doneAt
            ? copy.doneAt(format.time(reminder.doneAt))
            : format.day(reminder.scheduledAt, now) === format.day(now, now)
              ? format.relative(reminder.scheduledAt, now)
              : format.day(reminder.scheduledAt, now)}
        </span>
        <span className="flex flex-wrap gap-1.5">
          {emphasis.isOverdue ? <Badge tone="rose">{copy.overdue}</Badge> : null}
          {emphasis.isImminent ? <Badge tone="iris">{copy.imminent}</Badge> : null}
        </span>
      </div>

      <div className="min-w-0 flex-1 space-y-1.5">
        <div className="flex flex-wrap items-center gap-2">
          <button
            type="button"
            onClick={() => dialogs.openDetail(reminder.call.id)}
            className="truncate text-left font-semibold text-slate-900 hover:text-iris-700 hover:underline dark:text-white dark:hover:text-iris-200"
          >
            {name}
          </button>
          {emphasis.isUrgent ? (
            <Badge tone="rose" className="font-semibold uppercase">
              <Flag className="size-3" aria-hidden />
              {copy.urgent}
            </Badge>
          ) : (
            <PriorityBadge priority={reminder.priority} />
          )}
        </div>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1.5 text-sm">
          <PhoneLink source={reminder.call} callId={reminder.call.id} name={name} />
          <ContactClock source={reminder.call} />
        </div>
        <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
          <span>{copy.previousStatus}</span>
          <StatusBadge status={reminder.call.status} />
          {reminder.rescheduleCount > 0 ? (
            <span className="inline-flex items-center gap-1">
              <AlarmClock className="size-3.5" aria-hidden />×{reminder.rescheduleCount}
            </span>
          ) : null}
        </div>
        {reminder.note ? (
          <p className="text-sm whitespace-pre-wrap text-slate-700 dark:text-slate-300">{reminder.note}</p>
        ) : null}
      </div>

      {reminder.done ? null : (
        <div className="flex flex-wrap items-center gap-2 sm:justify-end">
          <Button onClick={() => markCalled.mutate({ target })} disabled={isBusy} className="h-9 px-3">
            {markCalled.isPending ? <Spinner /> : <Check className="size-4" aria-hidden />}
            {copy.actions.markCalled}
          </Button>
          <button
            type="button"
            className={smallButton}
            onClick={() => dialogs.openLog({ callId: reminder.call.id, name })}
            aria-label={t.call.logCall(name)}
            title={t.call.logCall(name)}
          >
            <PhoneCall className="size-4" aria-hidden />
          </button>
          <MenuButton
            label={copy.actions.snoozeFor(name)}
            align="right"
            triggerClassName={smallButton}
            items={SNOOZE_PRESETS.map((preset) => ({
              key: preset,
              label: copy.snoozePresets[preset],
              onSelect: () => snooze.mutate({ target, preset }),
            }))}
          >
            <AlarmClock className="size-4" aria-hidden />
            {copy.actions.snooze}
            <ChevronDown className="size-3.5" aria-hidden />
          </MenuButton>
          <MenuButton
            label={copy.actions.more(name)}
            isIconOnly
            align="right"
            triggerClassName={cn(smallButton, 'px-2')}
            items={[
              { key: 'reschedule', label: copy.actions.reschedule, onSelect: () => onReschedule(reminder) },
              ...REMINDER_PRIORITIES.filter((priority) => priority !== reminder.priority).map((priority) => ({
                key: `priority-${priority}`,
                label: copy.actions.priorityTo(labels.priority(priority)),
                onSelect: () => update.mutate({ target, body: { priority } }),
              })),
            ]}
          >
            <MoreHorizontal className="size-4" aria-hidden />
          </MenuButton>
        </div>
      )}
    </li>
  );
}
