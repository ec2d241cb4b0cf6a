import { CALL_NOTE_MAX } from '@ct/contracts/constants';
import type { ReminderPriority } from '@ct/contracts/enums';
import { instantOf } from '@/lib/format';
import type { Outcome } from '@/lib/i18n/labels';

/** The log form's values: an outcome ('' until picked), the note, and the callback asked for. */
export interface LogCallValues {
  status: Outcome | '';
  note: string;
  hasCallback: boolean;
  callbackTouched: boolean;
  date: string;
  time: string;
  priority: ReminderPriority;
}

/** A field's problem: ours (`custom`, `too_big`, with a key as message) or the API's (`server`). */
export interface LogCallFieldError {
  type: 'custom' | 'too_big' | 'server';
  message?: string;
}
export type LogCallErrors = Partial<Record<keyof LogCallValues, LogCallFieldError>>;

/**
 * The log form's rules, written out rather than as a zod schema behind a form library: the form is the
 * call session's whole page, and those would be half of its first load. The note follows the API's
 * rule (contracts › callLogSchema: trimmed, at most CALL_NOTE_MAX); the callback is checked only when
 * one is asked for, as a real instant in the caller's zone that is not already past. Answers the values
 * to send (the note trimmed) when nothing is wrong.
 */
export function checkLogCall(
  values: LogCallValues,
  zone: string,
): { values: LogCallValues; errors: null } | { values: null; errors: LogCallErrors } {
  const errors: LogCallErrors = {};
  const note = values.note.trim();
  if (values.status === '') errors.status = { type: 'custom', message: 'outcome' };
  if (note.length > CALL_NOTE_MAX) errors.note = { type: 'too_big', message: 'tooLong' };
  if (values.hasCallback) {
    const at = instantOf(values.date, values.time, zone);
    if (!at) errors.time = { type: 'custom', message: 'invalid' };
    else if (at.getTime() < Date.now()) errors.time = { type: 'custom', message: 'past' };
  }
  return Object.keys(errors).length > 0 ? { values: null, errors } : { values: { ...values, note }, errors: null };
}
