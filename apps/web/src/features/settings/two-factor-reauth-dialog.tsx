'use client';

import { useId, useRef, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { InputField } from '@/components/ui/field';
import { Spinner } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/api/errors';
import { ApiError } from '@/lib/api';
import { useI18n } from '@/lib/i18n';
import * as settingsMessages from '@/lib/i18n/messages/settings';

export type Reauth = { password: string; code: string };

/**
 * A confirmation that asks for the password and a code again (turning 2FA off, new recovery codes).
 * A wrong password or code is put on its field, which gets the focus (and so is read out).
 */
export function TwoFactorReauthDialog<T>({
  title,
  body,
  confirmLabel,
  pendingLabel,
  isDanger = false,
  action,
  onDone,
  onClose,
}: {
  title: string;
  body: string;
  confirmLabel: string;
  pendingLabel: string;
  isDanger?: boolean;
  action: (values: Reauth) => Promise<T>;
  onDone: (result: T) => void;
  onClose: () => void;
}) {
  const { t } = useI18n({ settings: settingsMessages });
  const copy = t.settings.twoFactor;
  const passwordRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const [values, setValues] = useState<Reauth>({ password: '', code: '' });
  const [errors, setErrors] = useState<{ password?: string; code?: string; form?: string }>({});
  const formId = useId();

  const mutation = useMutation({
    mutationFn: action,
    onSuccess: onDone,
    onError: (failure) => {
      const code = failure instanceof ApiError ? failure.problem?.code : undefined;
      if (code === 'wrong_password') {
        setErrors({ password: copy.wrongPassword });
        passwordRef.current?.focus();
      } else if (code === 'wrong_mfa_code') {
        setValues((current) => ({ ...current, code: '' }));
        setErrors({ code: copy.wrongReauthCode });
        codeRef.current?.focus();
      } else {
        setErrors({
          form:
            failure instanceof ApiError && failure.status === 429
              ? copy.throttled
              : `${copy.failed} ${errorMessage(failure, t)}`,
        });
      }
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const missing = {
      ...(values.password === '' ? { password: t.settings.errors.required } : {}),
      ...(values.code.trim() === '' ? { code: t.settings.errors.required } : {}),
    };
    setErrors(missing);
    if (missing.password) passwordRef.current?.focus();
    else if (missing.code) codeRef.current?.focus();
    else mutation.mutate({ password: values.password, code: values.code.trim() });
  }

  return (
    <Dialog
      open
      onClose={() => (mutation.isPending ? undefined : onClose())}
      title={title}
      description={body}
      closeLabel={t.ui.close}
      role="alertdialog"
      size="sm"
      isDismissable={false}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={mutation.isPending}>
            {copy.cancel}
          </Button>
          <Button type="submit" form={formId} variant={isDanger ? 'danger' : 'primary'} disabled={mutation.isPending}>
            {mutation.isPending ? <Spinner /> : null}
            {mutation.isPending ? pendingLabel : confirmLabel}
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={submit} noValidate className="grid gap-4">
        {errors.form ? (
          <p role="alert" className="text-sm text-rose-700 dark:text-rose-300">
            {errors.form}
          </p>
        ) : null}
        <InputField
          ref={passwordRef}
          data-autofocus
          label={copy.password}
          type="password"
          autoComplete="current-password"
          value={values.password}
          onChange={(event) => setValues((current) => ({ ...current, password: event.target.value }))}
          error={errors.password}
        />
        <InputField
          ref={codeRef}
          label={copy.reauthCode}
          autoComplete="one-time-code"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={32}
          className="font-mono"
          value={values.code}
          onChange={(event) => setValues((current) => ({ ...current, code: event.target.value }))}
          error={errors.code}
        />
      </form>
    </Dialog>
  );
}
