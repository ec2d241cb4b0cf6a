'use client';

import { useState } from 'react';
import { useForm } from 'react-hook-form';
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
const EMPTY: PasswordValues = { currentPassword: '', newPassword: '', confirmPassword: '' };

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
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors },
  } = useForm<PasswordValues>({ defaultValues: EMPTY });

  const mutation = useMutation({
    mutationFn: (values: PasswordValues) =>
      changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword }),
    onSuccess: (result) => {
      reset(EMPTY);
      toast.success(copy.passwordChanged(result.revokedSessions));
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 403 && error.problem?.code === 'wrong_password') {
        setError('currentPassword', { type: 'server', message: errorsCopy.wrongPassword }, { shouldFocus: true });
        return;
      }
      const refusal = passwordRefusalMessage(error, t);
      if (refusal) {
        setError('newPassword', { type: 'server', message: refusal }, { shouldFocus: true });
        return;
      }
      const issue =
        error instanceof ApiError ? error.problem?.errors?.find((e) => e.path.endsWith('newPassword')) : undefined;
      if (issue) {
        setError('newPassword', { type: 'server', message: errorsCopy.passwordTooShort }, { shouldFocus: true });
        return;
      }
      toast.error(`${copy.passwordFailed} ${errorMessage(error, t)}`);
    },
  });

  return (
    <form
      onSubmit={handleSubmit((values) => mutation.mutate(values))}
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
          error={errors.currentPassword?.message}
          {...register('currentPassword', { validate: (value) => value.length > 0 || errorsCopy.required })}
        />
        <InputField
          label={copy.newPassword}
          type="password"
          autoComplete="new-password"
          hint={copy.newPasswordHint}
          error={errors.newPassword?.message}
          {...register('newPassword', {
            validate: (value) =>
              value.length < PASSWORD_MIN_LENGTH
                ? errorsCopy.passwordTooShort
                : value.length > PASSWORD_MAX_LENGTH
                  ? errorsCopy.passwordTooLong
                  : true,
            deps: ['confirmPassword'],
          })}
        />
        <InputField
          label={copy.confirmPassword}
          type="password"
          autoComplete="new-password"
          error={errors.confirmPassword?.message}
          {...register('confirmPassword', {
            validate: (value, values) => value === values.newPassword || errorsCopy.passwordMismatch,
          })}
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
