'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SnoozePreset } from '@ct/contracts/enums';
import { useToast } from '@/components/ui/toast';
import { errorMessage, isStale } from '@/lib/api/errors';
import { invalidateCallWork } from '@/features/calls/use-call-mutations';
import { useFormatter } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import {
  createReminder,
  patchReminder,
  snoozeReminder,
  type Reminder,
  type ReminderCreateBody,
  type ReminderPatchBody,
} from './reminders.api';
import * as remindersMessages from '@/lib/i18n/messages/reminders';

type Target = Pick<Reminder, 'id' | 'version'> & { name: string };

/**
 * The reminder actions, pessimistic: the server answers, a toast says what happened (or why not — a
 * stale version means someone moved it meanwhile: the list reloads), then every affected list refetches.
 */
export function useReminderMutations() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const format = useFormatter();
  const { t } = useI18n({ reminders: remindersMessages });
  const copy = t.reminders.toasts;

  const onError = (error: unknown) => {
    toast.error(isStale(error) ? copy.stale : errorMessage(error, t));
    if (isStale(error)) void invalidateCallWork(queryClient);
  };
  const onSettled = () => invalidateCallWork(queryClient);

  const markCalled = useMutation({
    mutationFn: ({ target }: { target: Target }) => patchReminder(target, { done: true }),
    onSuccess: (_reminder, { target }) => toast.success(copy.markedCalled(target.name)),
    onError,
    onSettled,
  });

  const snooze = useMutation({
    mutationFn: ({ target, preset }: { target: Target; preset: SnoozePreset }) => snoozeReminder(target, preset),
    onSuccess: (reminder, { target }) =>
      toast.success(copy.snoozed(target.name, format.dayTime(reminder.scheduledAt).toLowerCase())),
    onError,
    onSettled,
  });

  const update = useMutation({
    mutationFn: ({ target, body }: { target: Target; body: ReminderPatchBody }) => patchReminder(target, body),
    onSuccess: (reminder, { target, body }) =>
      toast.success(
        body.scheduledAt
          ? copy.rescheduled(target.name, format.dayTime(reminder.scheduledAt).toLowerCase())
          : copy.priorityChanged(target.name),
      ),
    onError,
    onSettled,
  });

  const create = useMutation({
    mutationFn: ({ body }: { body: ReminderCreateBody; name: string }) => createReminder(body),
    onSuccess: (reminder, { name }) =>
      toast.success(copy.scheduled(name, format.dayTime(reminder.scheduledAt).toLowerCase())),
    onError,
    onSettled,
  });

  return { markCalled, snooze, update, create };
}
