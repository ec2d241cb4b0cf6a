'use client';

import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@ct/contracts/constants';
import { KeyRound, LogOut, ShieldCheck } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { InputField } from '@/components/ui/field';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { passwordRefusalMessage } from '@/features/auth/password-refusal';
import { errorMessage } from '@/lib/api/errors';
import { ApiError } from '@/lib/api';
import { useI18n } from '@/lib/i18n';
import { changePassword, revokeOtherSessions } from './settings.api';
import { SettingsCard } from './settings-card';
import { TwoFactorCard } from './two-factor-card';
import * as settingsMessages from '@/lib/i18n/messages/settings';

type PasswordValues = { currentPassword: string; newPassword: string; confirmPassword: string };
type PasswordField = keyof PasswordValues;
type PasswordErrorKey = 'required' | 'passwordTooShort' | 'passwordTooLong' | 'passwordMismatch';
const EMPTY: PasswordValues = { currentPassword: '', newPassword: '', confirmPassword: '' };
const PASSWORD_FIELDS = ['currentPassword', 'newPassword', 'confirmPassword'] as const;

/** The API's rules for a new password (contracts › changePasswordSchema), and the confirmation. */
function checkPassword(values: PasswordValues): Partial<Record<PasswordField, PasswordErrorKey>> {
  const errors: Partial<Record<PasswordField, PasswordErrorKey>> = {};
  if (values.currentPassword.length === 0) errors.currentPassword = 'required';
  if (values.newPassword.length < PASSWORD_MIN_LENGTH) errors.newPassword = 'passwordTooShort';
  else if (values.newPassword.length > PASSWORD_MAX_LENGTH) errors.newPassword = 'passwordTooLong';
  if (values.confirmPassword !== values.newPassword) errors.confirmPassword = 'passwordMismatch';
  return errors;
}

/**
 * Security: change the password (its own form and button), sign out every other session; then
 * two-factor authentication, a card of its own.
 */
export function SecuritySection() {
  const { t } = useI18n({ settings: settingsMessages });
  const copy = t.settings.security;
  return (
    <div className="space-y-6">
      <SettingsCard icon={ShieldCheck} title={copy.title} hint={copy.hint}>
        <div className="grid gap-8 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <PasswordForm />
          <OtherSessions />
        </div>
      </SettingsCard>
      <TwoFactorCard />
    </div>
  );
}

function PasswordForm() {
  const { t } = useI18n({ settings: settingsMessages });
  const copy = t.settings.security;
  const errorsCopy = t.settings.errors;
  const toast = useToast();
  const formRef = useRef<HTMLFormElement>(null);
  // Held here, no form library: checked on submit, then as typed; a refusal stays until its field changes.
  const [values, setValues] = useState(EMPTY);
  const [isChecked, setIsChecked] = useState(false);
  const [refusals, setRefusals] = useState<Partial<Record<PasswordField, string>>>({});
  const ruleErrors = isChecked ? checkPassword(values) : {};
  const errorOf = (field: PasswordField) => {
    const key = ruleErrors[field];
    return refusals[field] ?? (key ? errorsCopy[key] : undefined);
  };
  const focus = (field: PasswordField) => (formRef.current?.elements.namedItem(field) as HTMLElement | null)?.focus();
  const refuse = (field: PasswordField, message: string) => {
    setRefusals({ [field]: message });
    focus(field);
  };
  const field = (name: PasswordField) => ({
    name,
    value: values[name],
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      setValues((current) => ({ ...current, [name]: event.target.value }));
      setRefusals((current) => ({ ...current, [name]: undefined }));
    },
  });

  const mutation = useMutation({
    mutationFn: (values: PasswordValues) =>
      changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword }),
    onSuccess: (result) => {
      setValues(EMPTY);
      setIsChecked(false);
      setRefusals({});
      toast.success(copy.passwordChanged(result.revokedSessions));
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 403 && error.problem?.code === 'wrong_password') {
        refuse('currentPassword', errorsCopy.wrongPassword);
        return;
      }
      const refusal = passwordRefusalMessage(error, t);
      if (refusal) {
        refuse('newPassword', refusal);
        return;
      }
      const issue =
        error instanceof ApiError ? error.problem?.errors?.find((e) => e.path.endsWith('newPassword')) : undefined;
      if (issue) {
        refuse('newPassword', errorsCopy.passwordTooShort);
        return;
      }
      toast.error(`${copy.passwordFailed} ${errorMessage(error, t)}`);
    },
  });

  return (
    <form
      ref={formRef}
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        setIsChecked(true);
        const errors = checkPassword(values);
        const first = PASSWORD_FIELDS.find((name) => errors[name]);
        if (first) focus(first);
        else mutation.mutate(values);
      }}
      noValidate
      aria-labelledby="settings-password-title"
    >
      <h3
        id="settings-password-title"
        className="mb-3 flex items-center gap-2 text-sm font-semibold text-slate-900 dark:text-white"
      >
        <KeyRound className="size-4 text-slate-500" aria-hidden />
        {copy.changePassword}
      </h3>
      <div className="grid gap-4">
        <InputField
          label={copy.currentPassword}
          type="password"
          autoComplete="current-password"
          error={errorOf('currentPassword')}
          {...field('currentPassword')}
        />
        <InputField
          label={copy.newPassword}
          type="password"
          autoComplete="new-password"
          hint={copy.newPasswordHint}
          error={errorOf('newPassword')}
          {...field('newPassword')}
        />
        <InputField
          label={copy.confirmPassword}
          type="password"
          autoComplete="new-password"
          error={errorOf('confirmPassword')}
          {...field('confirmPassword')}
        />
        <div>
          <Button type="submit" variant="secondary" disabled={mutation.isPending}>
            {mutation.isPending ? <Spinner /> : null}
            {mutation.isPending ? copy.submittingPassword : copy.submitPassword}
          </Button>
        </div>
      </div>
    </form>
  );
}

function OtherSessions() {
  const { t } = useI18n({ settings: settingsMessages });
  const copy = t.settings.security;
  const toast = useToast();
  const [isConfirming, setIsConfirming] = useState(false);
  const mutation = useMutation({
    mutationFn: revokeOtherSessions,
    onSuccess: (result) => {
      setIsConfirming(false);
      toast.success(copy.revoked(result.revokedSessions));
    },
    onError: (error) => {
      setIsConfirming(false);
      toast.error(`${copy.revokeFailed} ${errorMessage(error, t)}`);
    },
  });

  return (
    <div>
      <h3 className="mb-1 flex items-center gap-2 text-sm font-semibold text-slate-900 dark:text-white">
        <LogOut className="size-4 text-slate-500" aria-hidden />
        {copy.sessions}
      </h3>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">{copy.sessionsHint}</p>
      <Button variant="secondary" onClick={() => setIsConfirming(true)}>
        {copy.revokeOthers}
      </Button>
      <Dialog
        open={isConfirming}
        onClose={() => (mutation.isPending ? undefined : setIsConfirming(false))}
        title={copy.revokeConfirmTitle}
        closeLabel={t.ui.close}
        role="alertdialog"
        size="sm"
        footer={
          <>
            <Button variant="secondary" onClick={() => setIsConfirming(false)} disabled={mutation.isPending}>
              {copy.cancel}
            </Button>
            <Button onClick={() => mutation.mutate()} disabled={mutation.isPending} data-autofocus>
              {mutation.isPending ? <Spinner /> : null}
              {mutation.isPending ? copy.revoking : copy.revokeConfirm}
            </Button>
          </>
        }
      >
        <p className="text-sm text-slate-700 dark:text-slate-300">{copy.revokeConfirmBody}</p>
      </Dialog>
    </div>
  );
}
