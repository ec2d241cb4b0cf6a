'use client';

import type { RefObject } from 'react';
import { CALL_NOTE_MAX } from '@ct/contracts/constants';
import { REMINDER_PRIORITIES } from '@ct/contracts/enums';
import { STATUS_TONES } from '@/components/status-badge';
import { BADGE_DOTS } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { InputField, SelectField, TextareaField } from '@/components/ui/field';
import { Kbd } from '@/components/ui/kbd';
import { Spinner } from '@/components/ui/spinner';
import { cn } from '@/lib/cn';
import { useI18n } from '@/lib/i18n';
import { OUTCOMES, useDomainLabels, type Outcome } from '@/lib/i18n/labels';
import type { CallLogResult } from './calls.api';
import {
  useLogCallForm,
  type LogCallFormControl,
  type LogCallFormState,
  type LogCallTarget,
} from './use-log-call-form';
import * as callsMessages from '@/lib/i18n/messages/calls';

export type { LogCallFormControl, LogCallTarget };

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
  const { t } = useI18n({ calls: callsMessages });
  const copy = t.calls.log;
  const {
    formRef,
    onSubmit,
    onKeyDown,
    isPending,
    status,
    pickOutcome,
    noteField,
    errors,
    register,
    registerCheckbox,
    callback,
  } = useLogCallForm({ target, initialStatus, onLogged, noteRef, enableDigitKeys, controlRef });

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
      <OutcomePicker status={status} onPick={pickOutcome} isMissing={errors.status !== undefined} />

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
        onKeyDown={(event) => {
          // Enter logs (the fast path); Shift+Enter starts a new line.
          if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            event.currentTarget.form?.requestSubmit();
          }
        }}
      />

      {status !== '' ? (
        <CallbackPanel callback={callback} errors={errors} register={register} registerCheckbox={registerCheckbox} />
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

/** One button per outcome, in the order of their keys (1–7), as a radio group. */
function OutcomePicker({
  status,
  onPick,
  isMissing,
}: {
  status: Outcome | '';
  onPick: (outcome: Outcome) => void;
  isMissing: boolean;
}) {
  const { t } = useI18n({ calls: callsMessages });
  const copy = t.calls.log;
  const labels = useDomainLabels();
  return (
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
              onClick={() => onPick(outcome)}
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
      {isMissing ? <p className="mt-2 text-sm text-rose-600 dark:text-rose-400">{copy.chooseOutcome}</p> : null}
    </fieldset>
  );
}

/** Once an outcome is picked: the proposed (or optional) callback, and what the outcome closes. */
function CallbackPanel({
  callback,
  errors,
  register,
  registerCheckbox,
}: Pick<LogCallFormState, 'callback' | 'errors' | 'register' | 'registerCheckbox'>) {
  const { t } = useI18n({ calls: callsMessages });
  const copy = t.calls.log;
  const labels = useDomainLabels();
  const timeError =
    errors.time?.message === 'past'
      ? copy.inPast
      : errors.time
        ? errors.time.type === 'server'
          ? errors.time.message
          : t.calls.form.invalid
        : undefined;
  return (
    <div className="rounded-xl border border-slate-200 bg-slate-50 p-3.5 dark:border-night-700 dark:bg-night-950/60">
      {callback.becomesUnreachable ? (
        <p className="mb-3 text-sm text-amber-800 dark:text-amber-200">
          {copy.becomesUnreachable(callback.maxAttempts)}
        </p>
      ) : null}
      {callback.isAutomatic ? (
        <p className="mb-3 text-sm font-medium text-slate-800 dark:text-slate-100">{copy.proposed}</p>
      ) : (
        <label className="mb-1 flex items-center gap-2.5 text-sm font-medium text-slate-800 dark:text-slate-100">
          <input type="checkbox" className="size-4 rounded accent-iris-600" {...registerCheckbox('hasCallback')} />
          {copy.scheduleCallback}
        </label>
      )}
      {callback.closes ? <p className="text-xs text-slate-600 dark:text-slate-400">{copy.closesReminders}</p> : null}
      {callback.isShown ? (
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
  );
}
