'use client';

import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { reminderPatchSchema } from '@ct/contracts';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { InputField } from '@/components/ui/field';
import { Spinner } from '@/components/ui/spinner';
import { applyServerErrors } from '@/lib/api/errors';
import { clockIn, instantOf, isoDateIn, useFormatter } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import type { Reminder } from './reminders.api';
import { useReminderMutations } from './use-reminder-mutations';
import * as callsMessages from '@/lib/i18n/messages/calls';
import * as remindersMessages from '@/lib/i18n/messages/reminders';

/** The reason follows the API's rule (contracts › reminderPatchSchema). */
const reasonSchema = reminderPatchSchema.shape.reason;

function buildSchema(zone: string, copy: { invalid: string; inPast: string }) {
  return z.object({ date: z.string(), time: z.string(), reason: reasonSchema }).superRefine((values, ctx) => {
    const at = instantOf(values.date, values.time, zone);
    if (!at) ctx.addIssue({ code: 'custom', path: ['time'], message: copy.invalid });
    else if (at.getTime() < Date.now()) ctx.addIssue({ code: 'custom', path: ['time'], message: copy.inPast });
  });
}

/** Move a reminder to a chosen date and time, with an optional reason (counted as a reschedule). */
export function RescheduleDialog({
  reminder,
  name,
  onClose,
}: {
  reminder: Reminder;
  name: string;
  onClose: () => void;
}) {
  const { t } = useI18n({ calls: callsMessages, reminders: remindersMessages });
  const copy = t.reminders.rescheduleDialog;
  const format = useFormatter();
  const formId = useId();
  const { update } = useReminderMutations();
  const start = new Date(reminder.scheduledAt);

  const schema = buildSchema(format.zone, copy);

  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm({
    resolver: zodResolver(schema),
    defaultValues: { date: isoDateIn(start, format.zone), time: clockIn(start, format.zone), reason: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    const at = instantOf(values.date, values.time, format.zone);
    if (!at) return;
    try {
      await update.mutateAsync({
        target: { id: reminder.id, version: reminder.version, name },
        body: { scheduledAt: at.toISOString(), ...(values.reason ? { reason: values.reason } : {}) },
      });
      onClose();
    } catch (error) {
      applyServerErrors(error, setError, { scheduledAt: 'time', reason: 'reason' });
    }
  });

  return (
    <Dialog
      open
      onClose={onClose}
      size="sm"
      title={copy.title(name)}
      closeLabel={t.ui.close}
      isDismissable={false}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            {copy.cancel}
          </Button>
          <Button type="submit" form={formId} disabled={isSubmitting}>
            {isSubmitting ? <Spinner /> : null}
            {copy.submit}
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={onSubmit} noValidate className="space-y-4">
        <div className="grid grid-cols-2 gap-3">
          <InputField label={copy.date} type="date" data-autofocus {...register('date')} />
          <InputField label={copy.time} type="time" error={errors.time?.message} {...register('time')} />
        </div>
        <InputField
          label={copy.reason}
          maxLength={500}
          error={errors.reason ? t.calls.form.tooLong(500) : undefined}
          {...register('reason')}
        />
      </form>
    </Dialog>
  );
}
