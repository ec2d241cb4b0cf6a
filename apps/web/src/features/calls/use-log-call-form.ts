'use client';

import {
  useEffect,
  useMemo,
  useRef,
  useState,
  type ChangeEvent,
  type FormEvent,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import { useQuery } from '@tanstack/react-query';
import { CALLBACK_STATUSES, UNANSWERED_STATUSES } from '@ct/contracts/enums';
import { useToast } from '@/components/ui/toast';
import { applyServerErrors, errorMessage } from '@/lib/api/errors';
import { clockIn, instantOf, isoDateIn, nextWorkingDaySlot, useFormatter } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { OUTCOMES, useDomainLabels, type Outcome } from '@/lib/i18n/labels';
import { isTypingTarget } from '@/lib/keyboard';
import { useUserSettings } from '@/features/settings/use-user-settings';
import type { CallLogBody, CallLogResult } from './calls.api';
import { callQueries } from './calls.queries';
import { checkLogCall, type LogCallErrors, type LogCallFieldError, type LogCallValues } from './log-call-schema';
import { useLogCall } from './use-call-mutations';
import * as callsMessages from '@/lib/i18n/messages/calls';

/** Who is being called; what the list already knows, the rest is fetched. */
export interface LogCallTarget {
  callId: string;
  name: string;
  unreachable?: boolean;
  unansweredStreak?: number;
}

/** What a page can drive from its own keyboard shortcuts (the call session). */
export interface LogCallFormControl {
  pickOutcome: (outcome: Outcome) => void;
  submit: () => void;
  hasOutcome: () => boolean;
}

const isOneOf = (list: readonly string[], value: string) => list.includes(value);

type TextField = 'note' | 'date' | 'time' | 'priority';
/** Where a refused field sends the focus (the outcome has no field of its own: the note follows it). */
const FOCUS_ORDER = ['note', 'time'] as const satisfies readonly TextField[];

/**
 * The log form's state and rules: the outcome picked (buttons, keys 1–7), the note, and the callback —
 * the one the API would place (the default slot on the next working day) proposed up front. Left
 * untouched, the request carries no reminder and the API places it (and applies the unreachable rule);
 * edited, it is sent explicitly.
 */
export function useLogCallForm({
  target,
  initialStatus,
  onLogged,
  noteRef,
  enableDigitKeys,
  controlRef,
}: {
  target: LogCallTarget;
  initialStatus: Outcome | undefined;
  onLogged: (result: CallLogResult) => void;
  noteRef: RefObject<HTMLTextAreaElement | null> | undefined;
  enableDigitKeys: boolean;
  controlRef: RefObject<LogCallFormControl | null> | undefined;
}) {
  const { t } = useI18n({ calls: callsMessages });
  const copy = t.calls.log;
  const labels = useDomainLabels();
  const format = useFormatter();
  const toast = useToast();
  const { settings } = useUserSettings();
  const logCall = useLogCall();
  const localNoteRef = useRef<HTMLTextAreaElement | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  // The streak decides whether a no-answer makes the contact unreachable; fetch it when the caller
  // came from a list that does not carry it (reminders, today's calls).
  const needsDetail = target.unreachable === undefined || target.unansweredStreak === undefined;
  const detail = useQuery({ ...callQueries.detail(target.callId), enabled: needsDetail });
  const unreachable = target.unreachable ?? detail.data?.call.unreachable ?? false;
  const streak = target.unansweredStreak ?? detail.data?.call.unansweredStreak ?? 0;

  const proposal = useMemo(
    () => nextWorkingDaySlot(new Date(), settings.defaultReminderSlot, settings.workHours, format.zone),
    [settings.defaultReminderSlot, settings.workHours, format.zone],
  );

  // The form's state, held here (seven fields do not need a form library): checked on submit, then
  // again at every change once a submit has been refused, like the other forms of the app.
  const [defaults] = useState<LogCallValues>(() => ({
    status: initialStatus ?? '',
    note: '',
    hasCallback: false,
    callbackTouched: false,
    date: isoDateIn(proposal, format.zone),
    time: clockIn(proposal, format.zone),
    priority: 'normal',
  }));
  const [values, setValues] = useState(defaults);
  const isAutomaticFor = (outcome: Outcome | '') =>
    outcome !== '' &&
    isOneOf(CALLBACK_STATUSES, outcome) &&
    !(isOneOf(UNANSWERED_STATUSES, outcome) && (unreachable || streak + 1 >= settings.maxAttempts));
  // Automatic callbacks are validated as scheduled; an optional one only when asked for.
  const asChecked = (form: LogCallValues) => ({
    ...form,
    hasCallback: form.hasCallback && !isAutomaticFor(form.status),
  });
  const [errors, setErrors] = useState<LogCallErrors>({});
  const [isChecked, setIsChecked] = useState(false);
  /** The form's field named `name`, to focus what a refusal is about. */
  const focusField = (name: string) => (formRef.current?.elements.namedItem(name) as HTMLElement | null)?.focus();

  const update = (change: Partial<LogCallValues>) => {
    const next = { ...values, ...change };
    setValues(next);
    if (isChecked) setErrors(checkLogCall(asChecked(next), format.zone).errors ?? {});
  };
  const setValue = <K extends keyof LogCallValues>(name: K, value: LogCallValues[K]) => update({ [name]: value });
  const setError = (name: string, error: { message?: string }, options?: { shouldFocus?: boolean }) => {
    setErrors((current) => ({ ...current, [name]: { type: 'server', message: error.message } as LogCallFieldError }));
    if (options?.shouldFocus) focusField(name);
  };
  /** A text field's props, bound to the form. */
  const register = (name: TextField) => ({
    name,
    value: values[name],
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
      setValue(name, event.target.value as never),
  });
  const registerCheckbox = (name: 'hasCallback') => ({
    name,
    checked: values[name],
    onChange: (event: ChangeEvent<HTMLInputElement>) => setValue(name, event.target.checked),
  });
  const isDirty = (name: TextField) => values[name] !== defaults[name];

  const status = values.status;
  const wantsCallback = values.hasCallback;
  const becomesUnreachable =
    status !== '' && isOneOf(UNANSWERED_STATUSES, status) && (unreachable || streak + 1 >= settings.maxAttempts);
  const isAutomatic = isAutomaticFor(status);

  const pickOutcome = (outcome: Outcome) => {
    // An outcome that places its callback itself drops the optional one asked for.
    update(isAutomaticFor(outcome) ? { status: outcome, hasCallback: false } : { status: outcome });
    (noteRef ?? localNoteRef).current?.focus();
  };

  useEffect(() => {
    if (!controlRef) return;
    controlRef.current = {
      pickOutcome,
      submit: () => formRef.current?.requestSubmit(),
      hasOutcome: () => values.status !== '',
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

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setIsChecked(true);
    const checked = checkLogCall(asChecked(values), format.zone);
    if (checked.errors) {
      setErrors(checked.errors);
      const first = FOCUS_ORDER.find((name) => checked.errors[name]);
      if (first) focusField(first);
      return;
    }
    setErrors({});
    const sent = checked.values;
    if (sent.status === '') return;
    const touched = isDirty('date') || isDirty('time') || isDirty('priority');
    const explicit = (isAutomatic && touched) || (!isAutomatic && sent.hasCallback);
    const scheduledAt = explicit ? instantOf(sent.date, sent.time, format.zone) : null;
    const body: CallLogBody = {
      status: sent.status,
      note: sent.note,
      ...(scheduledAt ? { reminder: { scheduledAt: scheduledAt.toISOString(), priority: sent.priority } } : {}),
    };
    try {
      const result = await logCall.mutateAsync({ id: target.callId, body });
      toast.success(
        result.reminder
          ? copy.loggedWithCallback(target.name, format.dayTime(result.reminder.scheduledAt).toLowerCase())
          : copy.logged(target.name, labels.status(sent.status)),
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
  };

  const noteField = register('note');
  return {
    formRef,
    onKeyDown,
    onSubmit,
    register,
    registerCheckbox,
    errors,
    status,
    pickOutcome,
    /** The note's field, its element also handed to the page's ref (the session focuses it). */
    noteField: {
      ...noteField,
      ref: (element: HTMLTextAreaElement | null) => {
        localNoteRef.current = element;
        if (noteRef) noteRef.current = element;
      },
    },
    callback: {
      becomesUnreachable,
      isAutomatic,
      isShown: isAutomatic || wantsCallback,
      /** A closing outcome without a callback closes the contact's open reminders. */
      closes: status !== '' && !isAutomatic && !wantsCallback,
      maxAttempts: settings.maxAttempts,
    },
    isPending: logCall.isPending,
  };
}

export type LogCallFormState = ReturnType<typeof useLogCallForm>;
