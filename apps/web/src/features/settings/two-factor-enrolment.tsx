'use client';

import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Copy, ShieldOff, Smartphone } from 'lucide-react';
import type { MfaSetup } from '@ct/contracts';
import { Button } from '@/components/ui/button';
import { InputField } from '@/components/ui/field';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api/errors';
import { ApiError } from '@/lib/api';
import { useI18n } from '@/lib/i18n';
import { enableMfa, qrImageSource, startMfaSetup } from './two-factor.api';
import * as settingsMessages from '@/lib/i18n/messages/settings';

type Step = { name: 'idle' } | { name: 'password' } | { name: 'scan'; setup: MfaSetup };

const problemCode = (error: unknown) => (error instanceof ApiError ? error.problem?.code : undefined);

/** The secret in groups of four, easier to read and type into an app. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/**
 * Turning 2FA on, in the card: the password again, then the QR code (and the key for typing by hand)
 * with a field for the app's first code. `onEnabled` receives the recovery codes, shown once.
 */
export function TwoFactorEnrolment({ onEnabled }: { onEnabled: (codes: string[]) => void }) {
  const { t } = useI18n({ settings: settingsMessages });
  const copy = t.settings.twoFactor;
  const [step, setStep] = useState<Step>({ name: 'idle' });

  if (step.name === 'idle') {
    return (
      <div className="space-y-4">
        <p className="flex items-center gap-2 text-sm font-semibold text-slate-900 dark:text-white">
          <ShieldOff className="size-4 text-slate-500" aria-hidden />
          {copy.offTitle}
        </p>
        <p className="max-w-2xl text-sm text-slate-600 dark:text-slate-400">{copy.offBody}</p>
        <Button onClick={() => setStep({ name: 'password' })}>
          <Smartphone className="size-4" aria-hidden />
          {copy.start}
        </Button>
      </div>
    );
  }
  if (step.name === 'password') {
    return (
      <PasswordStep onCancel={() => setStep({ name: 'idle' })} onReady={(setup) => setStep({ name: 'scan', setup })} />
    );
  }
  return (
    <ScanStep
      setup={step.setup}
      onCancel={() => setStep({ name: 'idle' })}
      onExpired={() => setStep({ name: 'password' })}
      onEnabled={onEnabled}
    />
  );
}

function PasswordStep({ onCancel, onReady }: { onCancel: () => void; onReady: (setup: MfaSetup) => void }) {
  const { t } = useI18n({ settings: settingsMessages });
  const copy = t.settings.twoFactor;
  const titleId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => inputRef.current?.focus(), []);

  const mutation = useMutation({
    mutationFn: startMfaSetup,
    onSuccess: onReady,
    onError: (failure) => {
      setError(
        problemCode(failure) === 'wrong_password'
          ? copy.wrongPassword
          : failure instanceof ApiError && failure.status === 429
            ? copy.throttled
            : `${copy.failed} ${errorMessage(failure, t)}`,
      );
      inputRef.current?.focus();
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (password === '') {
      setError(t.settings.errors.required);
      inputRef.current?.focus();
      return;
    }
    setError(null);
    mutation.mutate(password);
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby={titleId} className="max-w-md space-y-4">
      <div>
        <h3 id={titleId} className="text-sm font-semibold text-slate-900 dark:text-white">
          {copy.passwordStepTitle}
        </h3>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{copy.passwordStepBody}</p>
      </div>
      <InputField
        ref={inputRef}
        label={copy.password}
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        error={error ?? undefined}
      />
      <div className="flex gap-2">
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? <Spinner /> : null}
          {mutation.isPending ? copy.continuing : copy.continue}
        </Button>
        <Button variant="ghost" onClick={onCancel} disabled={mutation.isPending}>
          {copy.cancel}
        </Button>
      </div>
    </form>
  );
}

function ScanStep({
  setup,
  onCancel,
  onExpired,
  onEnabled,
}: {
  setup: MfaSetup;
  onCancel: () => void;
  onExpired: () => void;
  onEnabled: (codes: string[]) => void;
}) {
  const { t } = useI18n({ settings: settingsMessages });
  const copy = t.settings.twoFactor;
  const toast = useToast();
  const titleId = useId();
  const secretId = useId();
  const codeRef = useRef<HTMLInputElement>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);

  const mutation = useMutation({
    mutationFn: enableMfa,
    onSuccess: (codes) => {
      toast.success(copy.enabled);
      onEnabled(codes);
    },
    onError: (failure) => {
      if (problemCode(failure) === 'mfa_setup_missing') {
        toast.error(copy.setupExpired);
        onExpired();
        return;
      }
      setCode('');
      setError(
        problemCode(failure) === 'wrong_mfa_code'
          ? copy.wrongCode
          : failure instanceof ApiError && failure.status === 429
            ? copy.throttled
            : `${copy.failed} ${errorMessage(failure, t)}`,
      );
      codeRef.current?.focus();
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const compact = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(compact)) {
      setError(compact === '' ? copy.codeRequired : copy.codeFormat);
      codeRef.current?.focus();
      return;
    }
    setError(null);
    mutation.mutate(compact);
  }

  async function copySecret() {
    try {
      await navigator.clipboard.writeText(setup.secret);
      toast.success(copy.copied);
    } catch {
      toast.error(copy.copyFailed);
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby={titleId} className="space-y-5">
      <h3 id={titleId} className="text-sm font-semibold text-slate-900 dark:text-white">
        {copy.scanTitle}
      </h3>
      <ol className="grid list-decimal gap-5 pl-5 text-sm text-slate-700 marker:font-semibold dark:text-slate-300">
        <li className="space-y-3">
          <p>{copy.scanStep}</p>
          {/* The server's SVG as an image: nothing of it becomes markup of this page (CSP img-src data:). */}
          <img
            src={qrImageSource(setup.qrSvg)}
            alt={copy.qrAlt}
            width={192}
            height={192}
            className="size-48 rounded-xl border border-slate-200 bg-white p-2 dark:border-night-700"
          />
        </li>
        <li className="space-y-2">
          <p>{copy.manualStep}</p>
          <div className="flex flex-wrap items-center gap-2">
            <span id={secretId} className="sr-only">
              {copy.secretLabel}
            </span>
            <code
              aria-labelledby={secretId}
              data-secret={setup.secret}
              className="rounded-lg bg-slate-100 px-3 py-2 font-mono text-sm tracking-wider break-all text-slate-900 select-all dark:bg-night-950 dark:text-slate-100"
            >
              {grouped(setup.secret)}
            </code>
            <Button variant="ghost" onClick={() => void copySecret()}>
              <Copy className="size-4" aria-hidden />
              {copy.copySecret}
            </Button>
          </div>
        </li>
        <li className="space-y-3">
          <p>{copy.confirmStep}</p>
          <InputField
            ref={codeRef}
            label={copy.code}
            wrapperClassName="max-w-48"
            className="font-mono tracking-widest"
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={7}
            value={code}
            onChange={(event) => setCode(event.target.value)}
            error={error ?? undefined}
          />
        </li>
      </ol>
      <div className="flex gap-2">
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? <Spinner /> : null}
          {mutation.isPending ? copy.enabling : copy.enable}
        </Button>
        <Button variant="ghost" onClick={onCancel} disabled={mutation.isPending}>
          {copy.cancel}
        </Button>
      </div>
    </form>
  );
}
