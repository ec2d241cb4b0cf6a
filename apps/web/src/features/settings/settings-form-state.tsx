'use client';

import { createContext, useContext, useEffect, useRef, useState, type ChangeEvent, type RefObject } from 'react';
import {
  changedFields,
  checkSettings,
  FIELD_ORDER,
  type SettingsErrorKey,
  type SettingsField,
  type SettingsFormValues,
} from './settings-form-model';

type BooleanField = { [K in SettingsField]: SettingsFormValues[K] extends boolean ? K : never }[SettingsField];
type NumberField = 'maxAttempts' | 'preReminderDelay';
type TextField = Exclude<SettingsField, BooleanField | NumberField | 'workDays'>;
type Control = HTMLInputElement | HTMLSelectElement;

/**
 * The settings form's state, held here rather than in a form library: the values, the saved values
 * they are compared to (what is "to save"), and the errors. A field is checked when it loses focus,
 * then as it changes; after a submit every field is. A server refusal stays on its field until the
 * field is changed.
 */
export function useSettingsFormState(
  initialValues: SettingsFormValues,
  formRef: RefObject<HTMLFormElement | null>,
  messages: Record<SettingsErrorKey, string>,
) {
  const [values, setValues] = useState(initialValues);
  const [saved, setSaved] = useState(initialValues);
  const [checked, setChecked] = useState<ReadonlySet<SettingsField> | 'all'>(() => new Set());
  const [serverErrors, setServerErrors] = useState<Partial<Record<SettingsField, string>>>({});
  // The latest values, for a save that finishes after more typing.
  const valuesRef = useRef(values);
  useEffect(() => {
    valuesRef.current = values;
  }, [values]);

  const ruleErrors = checkSettings(values);
  const dirty = changedFields(values, saved);
  const errorKey = (field: SettingsField) => (checked === 'all' || checked.has(field) ? ruleErrors[field] : undefined);

  const change = <K extends SettingsField>(field: K, value: SettingsFormValues[K]) => {
    setValues((current) => ({ ...current, [field]: value }));
    setServerErrors((current) => {
      if (!(field in current)) return current;
      const next = { ...current };
      delete next[field];
      return next;
    });
  };
  const blur = (field: SettingsField) =>
    setChecked((current) => (current === 'all' || current.has(field) ? current : new Set(current).add(field)));

  const focus = (field: SettingsField) => {
    const item = formRef.current?.elements.namedItem(field);
    const element = item instanceof RadioNodeList ? item[0] : item;
    if (element instanceof HTMLElement) element.focus();
  };

  return {
    values,
    saved,
    dirty,
    isDirty: dirty.size > 0,
    /** A server refusal's message, or the form's own rule's once the field is checked. */
    error: (field: SettingsField): string | undefined => {
      const key = errorKey(field);
      return serverErrors[field] ?? (key ? messages[key] : undefined);
    },
    /** Props of a text input or a select. */
    text: (field: TextField) => ({
      name: field,
      value: values[field],
      onChange: (event: ChangeEvent<Control>) => change(field, event.target.value as SettingsFormValues[TextField]),
      onBlur: () => blur(field),
    }),
    /** Props of a number input: an empty or partial entry is NaN, which the rules refuse. */
    number: (field: NumberField) => ({
      name: field,
      value: Number.isNaN(values[field]) ? '' : String(values[field]),
      onChange: (event: ChangeEvent<HTMLInputElement>) => change(field, event.target.valueAsNumber),
      onBlur: () => blur(field),
    }),
    /** Props of an on/off switch. */
    toggle: (field: BooleanField) => ({
      name: field,
      checked: values[field],
      onChange: (event: ChangeEvent<HTMLInputElement>) => change(field, event.target.checked),
      onBlur: () => blur(field),
    }),
    /** Props of one working day's checkbox. */
    day: (day: string) => ({
      name: 'workDays',
      value: day,
      checked: values.workDays.includes(day),
      onChange: (event: ChangeEvent<HTMLInputElement>) =>
        change(
          'workDays',
          event.target.checked ? [...values.workDays, day] : values.workDays.filter((other) => other !== day),
        ),
      onBlur: () => blur('workDays'),
    }),
    /** Every rule checked, from now on; the first field in error gets the focus. Whether all pass. */
    checkAll: () => {
      setChecked('all');
      const first = FIELD_ORDER.find((field) => ruleErrors[field] || serverErrors[field]);
      if (first) focus(first);
      return first === undefined;
    },
    /** API refusals placed on their fields, the first one focused. */
    refuse: (errors: Partial<Record<SettingsField, string>>) => {
      setServerErrors((current) => ({ ...current, ...errors }));
      const first = FIELD_ORDER.find((field) => errors[field] !== undefined);
      if (first) focus(first);
    },
    /** What the API now holds for some fields: saved, and no longer a change. */
    settle: (result: Partial<SettingsFormValues>) => {
      const next = { ...valuesRef.current, ...result };
      valuesRef.current = next;
      setValues(next);
      setSaved((current) => ({ ...current, ...result }));
    },
    /** After a whole save: the values as they are (with what the API answered) become the saved ones. */
    settleAll: (result: Partial<SettingsFormValues>) => {
      const next = { ...valuesRef.current, ...result };
      valuesRef.current = next;
      setValues(next);
      setSaved(next);
      setChecked(new Set());
      setServerErrors({});
    },
    /** Back to the saved values. */
    discard: () => {
      setValues(saved);
      setChecked(new Set());
      setServerErrors({});
    },
  };
}

export type SettingsFormState = ReturnType<typeof useSettingsFormState>;

const SettingsFormContext = createContext<SettingsFormState | null>(null);
export const SettingsFormProvider = SettingsFormContext.Provider;

/** The settings form's state, for its sections. */
export function useSettingsForm(): SettingsFormState {
  const form = useContext(SettingsFormContext);
  if (!form) throw new Error('useSettingsForm outside the settings form');
  return form;
}
