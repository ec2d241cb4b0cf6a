'use client';

import { useEffect, useMemo, useRef, type KeyboardEvent, type RefObject } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import {
  CALLBACK_STATUSES,
  CALL_NOTE_MAX,
  REMINDER_PRIORITIES,
  UNANSWERED_STATUSES,
  callLogSchema,
} from '@ct/contracts';
import { BADGE_DOTS } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { InputField, SelectField, TextareaField } from '@/components/ui/field';
import { Kbd } from '@/components/ui/kbd';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { cn } from '@/lib/cn';
import { clockIn, instantOf, isoDateIn, nextWorkingDaySlot, useFormatter } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { applyServerErrors, errorMessage } from '@/lib/api/errors';
import type { CallLogBody, CallLogResult } from './calls.api';
import { callQueries } from './calls.queries';
import { STATUS_TONES } from '@/components/status-badge';
import { OUTCOMES, useDomainLabels, type Outcome } from '@/lib/i18n/labels';
import { useLogCall } from './use-call-mutations';
import { useUserSettings } from '@/features/settings/use-user-settings';

/** Who is being called; what the list already knows, the rest is fetched. */
export interface LogCallTarget {
  callId: string;
  name: string;
  unreachable?: boolean;
  unansweredStreak?: number;
}

const isOneOf = (list: readonly string[], value: string) => list.includes(value);

/** The note follows the API's own rule (contracts › callLogSchema). */
const noteSchema = callLogSchema.shape.note;

function buildSchema(zone: string) {
  return z
    .object({
      status: z.enum(OUTCOMES, { error: 'outcome' }).or(z.literal('')),
      note: noteSchema,
      hasCallback: z.boolean(),
      callbackTouched: z.boolean(),
      date: z.string(),
      time: z.string(),
      priority: z.enum(REMINDER_PRIORITIES),
    })
    .superRefine((values, ctx) => {
      if (values.status === '') ctx.addIssue({ code: 'custom', path: ['status'], message: 'outcome' });
      if (!values.hasCallback) return;
      const at = instantOf(values.date, values.time, zone);
      if (!at) ctx.addIssue({ code: 'custom', path: ['time'], message: 'invalid' });
      else if (at.getTime() < Date.now()) ctx.addIssue({ code: 'custom', path: ['time'], message: 'past' });
    });
}

/** What a page can drive from its own keyboard shortcuts (the call session). */
export interface LogCallFormControl {
  pickOutcome: (outcome: Outcome) => void;
  submit: () => void;
  hasOutcome: () => boolean;
}

/** Whether a keyboard event comes from a place where digits are text (inputs, text areas, selects). */
export function isTypingTarget(target: EventTarget | null) {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/**
 * Logging a call: the outcome (one button per outcome, keys 1–7), an optional note, and the callback —
 * the one the API will place (the default slot on the next working day) shown up front and editable.
 * Left untouched, the API places it itself; edited, it is sent explicitly.
 */
export function LogCallForm({
  target,
  formId,
  initialStatus,
  onLogged,
  onCancel,
  noteRef,
  enableDigitKeys = true,
  submitLabel,
  controlRef,
}: {
  target: LogCallTarget;
  formId: string;
  initialStatus?: Outcome;
  onLogged: (result: CallLogResult) => void;
  onCancel?: () => void;
  noteRef?: RefObject<HTMLTextAreaElement | null>;
  /** Digits pick the outcome when the focus is not in a text field. */
  enableDigitKeys?: boolean;
  submitLabel?: string;
  controlRef?: RefObject<LogCallFormControl | null>;
}) {
  const { t } = useI18n();
  const copy = t.calls.log;
  const labels = useDomainLabels();
  const format = useFormatter();
  const toast = useToast();
  const { settings } = useUserSettings();
  const logCall = useLogCall();
  const localNoteRef = useRef<HTMLTextAreaElement | null>(null);

  // The streak decides whether a no-answer makes the contact unreachable; fetch it when the caller
  // came from a list that does not carry it (reminders, today's calls).
  const needsDetail = target.unreachable === undefined || target.unansweredStreak === undefined;
  const detail = useQuery({
    ...callQueries.detail(target.callId),
    enabled: needsDetail,
  });
  const unreachable = target.unreachable ?? detail.data?.call.unreachable ?? false;
  const streak = target.unansweredStreak ?? detail.data?.call.unansweredStreak ?? 0;

  const proposal = useMemo(
    () => nextWorkingDaySlot(new Date(), settings.defaultReminderSlot, settings.workHours, format.zone),
    [settings.defaultReminderSlot, settings.workHours, format.zone],
  );
  const schema = useMemo(() => buildSchema(format.zone), [format.zone]);

  const {
    register,
    handleSubmit,
    setValue,
    setError,
    control,
    getValues,
    formState: { errors, dirtyFields },
  } = useForm({
    resolver: zodResolver(schema),
    defaultValues: {
      status: initialStatus ?? '',
      note: '',
      hasCallback: false,
      callbackTouched: false,
      date: isoDateIn(proposal, format.zone),
      time: clockIn(proposal, format.zone),
      priority: 'normal' as const,
    },
  });

  const status = useWatch({ control, name: 'status' });
  const wantsCallback = useWatch({ control, name: 'hasCallback' });
  const becomesUnreachable =
    status !== '' && isOneOf(UNANSWERED_STATUSES, status) && (unreachable || streak + 1 >= settings.maxAttempts);
  const isAutomatic = status !== '' && isOneOf(CALLBACK_STATUSES, status) && !becomesUnreachable;
  const showsCallback = isAutomatic || wantsCallback;
  const closes = status !== '' && !isAutomatic && !wantsCallback;

  // Automatic callbacks are validated as scheduled; an optional one only when asked for.
  useEffect(() => {
    if (isAutomatic) setValue('hasCallback', false);
  }, [isAutomatic, setValue]);

  const pickOutcome = (outcome: Outcome) => {
    setValue('status', outcome, { shouldValidate: errors.status !== undefined, shouldDirty: true });
    (noteRef ?? localNoteRef).current?.focus();
  };

  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!controlRef) return;
    controlRef.current = {
      pickOutcome,
      submit: () => formRef.current?.requestSubmit(),
      hasOutcome: () => getValues('status') !== '',
    };
    return () => {
      controlRef.current = null;
    };
  });

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.currentTarget.requestSubmit();
      return;
    }
    if (!enableDigitKeys || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
    const outcome = OUTCOMES[Number(event.key) - 1];
    if (outcome && /^[1-7]$/.test(event.key)) {
      event.preventDefault();
      pickOutcome(outcome);
    }
  };

  const onSubmit = handleSubmit(async (values) => {
    if (values.status === '') return;
    const touched = Boolean(dirtyFields.date || dirtyFields.time || dirtyFields.priority);
    const explicit = (isAutomatic && touched) || (!isAutomatic && values.hasCallback);
    const scheduledAt = explicit ? instantOf(values.date, values.time, format.zone) : null;
    const body: CallLogBody = {
      status: values.status,
      note: values.note,
      ...(scheduledAt ? { reminder: { scheduledAt: scheduledAt.toISOString(), priority: values.priority } } : {}),
    };
    try {
      const result = await logCall.mutateAsync({ id: target.callId, body });
      toast.success(
        result.reminder
          ? copy.loggedWithCallback(target.name, format.dayTime(result.reminder.scheduledAt).toLowerCase())
          : copy.logged(target.name, labels.status(values.status)),
      );
      onLogged(result);
    } catch (error) {
      const unmatched = applyServerErrors(error, setError, {
        status: 'status',
        note: 'note',
        'reminder.scheduledAt': 'time',
        'reminder.priority': 'priority',
      });
      toast.error(
        unmatched.length ? `${copy.failed} ${unmatched.join(' ')}` : `${copy.failed} ${errorMessage(error, t)}`,
      );
    }
  });

  const timeError =
    errors.time?.message === 'past'
      ? copy.inPast
      : errors.time
        ? errors.time.type === 'server'
          ? errors.time.message
          : t.calls.form.invalid
        : undefined;
  const noteField = register('note');
  const isPending = logCall.isPending;

  return (
    <form
      ref={formRef}
      id={formId}
      onSubmit={onSubmit}
      onKeyDown={onKeyDown}
      noValidate
      className="space-y-5"
      aria-busy={isPending}
    >
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-700 dark:text-slate-300">{copy.outcome}</legend>
        <div
          className="grid grid-cols-2 gap-2 sm:grid-cols-[repeat(auto-fill,minmax(9.5rem,1fr))]"
          role="radiogroup"
          aria-label={copy.outcome}
        >
          {OUTCOMES.map((outcome, index) => {
            const isChosen = status === outcome;
            return (
              <button
                key={outcome}
                type="button"
                role="radio"
                aria-checked={isChosen}
                aria-keyshortcuts={String(index + 1)}
                onClick={() => pickOutcome(outcome)}
                className={cn(
                  'flex min-h-11 items-center gap-2 rounded-xl border px-2.5 py-1.5 text-left text-sm leading-tight font-medium transition sm:px-3',
                  isChosen
                    ? 'border-iris-600 bg-iris-600 text-white shadow-brand dark:border-iris-400'
                    : 'border-slate-200 bg-white text-slate-800 hover:border-iris-300 hover:bg-iris-50 dark:border-night-700 dark:bg-night-800 dark:text-slate-100 dark:hover:bg-night-700',
                )}
              >
                <Kbd className={cn(isChosen && 'border-white/40 bg-white/15 text-white dark:bg-white/15')}>
                  {index + 1}
                </Kbd>
                {/* Wraps rather than cuts: "Pas de réponse" must read whole in a narrow column. */}
                <span className="min-w-0">{labels.status(outcome)}</span>
                <span
                  className={cn(
                    'ml-auto hidden size-2 shrink-0 rounded-full sm:block',
                    BADGE_DOTS[STATUS_TONES[outcome]],
                  )}
                  aria-hidden
                />
              </button>
            );
          })}
        </div>
        {errors.status ? <p className="mt-2 text-sm text-rose-600 dark:text-rose-400">{copy.chooseOutcome}</p> : null}
      </fieldset>

      <TextareaField
        label={copy.note}
        placeholder={copy.notePlaceholder}
        rows={2}
        maxLength={CALL_NOTE_MAX}
        error={
          errors.note
            ? errors.note.type === 'server'
              ? errors.note.message
              : t.calls.form.tooLong(CALL_NOTE_MAX)
            : undefined
        }
        {...noteField}
        ref={(element) => {
          noteField.ref(element);
          localNoteRef.current = element;
          if (noteRef) noteRef.current = element;
        }}
        onKeyDown={(event) => {
          // Enter logs (the fast path); Shift+Enter starts a new line.
          if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            event.currentTarget.form?.requestSubmit();
          }
        }}
      />

      {status !== '' ? (
        <div className="rounded-xl border border-slate-200 bg-slate-50 p-3.5 dark:border-night-700 dark:bg-night-950/60">
          {becomesUnreachable ? (
            <p className="mb-3 text-sm text-amber-800 dark:text-amber-200">
              {copy.becomesUnreachable(settings.maxAttempts)}
            </p>
          ) : null}
          {isAutomatic ? (
            <p className="mb-3 text-sm font-medium text-slate-800 dark:text-slate-100">{copy.proposed}</p>
          ) : (
            <label className="mb-1 flex items-center gap-2.5 text-sm font-medium text-slate-800 dark:text-slate-100">
              <input type="checkbox" className="size-4 rounded accent-iris-600" {...register('hasCallback')} />
              {copy.scheduleCallback}
            </label>
          )}
          {closes ? <p className="text-xs text-slate-600 dark:text-slate-400">{copy.closesReminders}</p> : null}
          {showsCallback ? (
            <div className="mt-2 grid grid-cols-2 gap-3 sm:grid-cols-3">
              <InputField label={copy.date} type="date" {...register('date')} />
              <InputField label={copy.time} type="time" error={timeError} {...register('time')} />
              <SelectField
                label={copy.priority}
                wrapperClassName="col-span-2 sm:col-span-1"
                options={REMINDER_PRIORITIES.map((priority) => ({ value: priority, label: labels.priority(priority) }))}
                {...register('priority')}
              />
            </div>
          ) : null}
        </div>
      ) : null}

      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:items-center sm:justify-end">
        <p className="mr-auto hidden text-xs text-slate-600 sm:block dark:text-slate-400">{copy.shortcutHint}</p>
        {onCancel ? (
          <Button variant="secondary" onClick={onCancel}>
            {t.calls.form.cancel}
          </Button>
        ) : null}
        <Button type="submit" disabled={isPending}>
          {isPending ? <Spinner /> : null}
          {isPending ? copy.submitting : (submitLabel ?? copy.submit)}
        </Button>
      </div>
    </form>
  );
}
