'use client';

import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ArrowLeft, CircleAlert, KeyRound, ShieldCheck } from 'lucide-react';
import type { User } from '@ct/contracts';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { TextField } from '@/components/ui/text-field';
import { ApiError } from '@/lib/api';
import { useI18n } from '@/lib/i18n';
import * as loginMessages from '@/lib/i18n/messages/login';
import { completeLogin } from './auth.api';
import { useThrottle } from './use-clock';

type Mode = 'app' | 'recovery';

/** What a typed code looks like before it is sent: 6 digits (spaces allowed), or a recovery code. */
function validate(code: string, mode: Mode): 'required' | 'format' | null {
  const compact = code.replace(/\s/g, '');
  if (compact === '') return 'required';
  if (mode === 'app' && !/^\d{6}$/.test(compact)) return 'format';
  if (mode === 'recovery' && compact.replace(/-/g, '').length !== 10) return 'format';
  return null;
}

/**
 * The second sign-in step of an account with two-factor authentication: a code from the app, or one of
 * the recovery codes. A wrong code can be typed again; an expired step goes back to the password.
 */
export function SecondFactorForm({
  challenge,
  email,
  onSignedIn,
  onRestart,
}: {
  challenge: string;
  email: string;
  onSignedIn: (user: User) => void;
  onRestart: (reason: 'expired' | 'back') => void;
}) {
  const { t } = useI18n({ login: loginMessages });
  const copy = t.login.mfa;
  const headingId = useId();
  const [mode, setMode] = useState<Mode>('app');
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [throttledUntil, setThrottledUntil] = useState<number | null | undefined>(undefined);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const [isRedirecting, setIsRedirecting] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const throttle = useThrottle(throttledUntil);

  useEffect(() => {
    inputRef.current?.focus();
  }, [mode]);

  function switchMode() {
    setMode((current) => (current === 'app' ? 'recovery' : 'app'));
    setCode('');
    setFieldError(null);
    setFormError(null);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problem = validate(code, mode);
    if (problem) {
      setFieldError(
        problem === 'required' ? copy.codeRequired : mode === 'app' ? copy.appCodeFormat : copy.recoveryCodeFormat,
      );
      inputRef.current?.focus();
      return;
    }
    setFieldError(null);
    setFormError(null);
    setIsSubmitting(true);
    try {
      const user = await completeLogin({ challenge, code: code.trim() });
      setIsRedirecting(true);
      onSignedIn(user);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401 && error.problem?.code === 'mfa_challenge_invalid') {
        onRestart('expired');
        return;
      }
      if (error instanceof ApiError && error.status === 401) {
        setCode('');
        setFormError(mode === 'app' ? copy.wrongAppCode : copy.wrongRecoveryCode);
        inputRef.current?.focus();
      } else if (error instanceof ApiError && error.status === 429) {
        throttle.resync();
        const seconds = error.retryAfterSeconds;
        setThrottledUntil(seconds === null ? null : Date.now() + seconds * 1000);
        setFormError(null);
      } else {
        setFormError(t.login.unavailable);
      }
    } finally {
      setIsSubmitting(false);
    }
  }

  const busy = isSubmitting || isRedirecting;
  const alertText = throttle.isActive
    ? throttle.secondsLeft === null
      ? t.login.tooManyAttemptsLater
      : t.login.tooManyAttempts(throttle.secondsLeft)
    : formError;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5" aria-labelledby={headingId} aria-busy={busy}>
      <div>
        <h2 id={headingId} className="flex items-center gap-2 text-lg font-semibold text-slate-900 dark:text-white">
          {mode === 'app' ? (
            <ShieldCheck className="size-5 text-iris-600 dark:text-orchid-300" aria-hidden />
          ) : (
            <KeyRound className="size-5 text-iris-600 dark:text-orchid-300" aria-hidden />
          )}
          {copy.title}
        </h2>
        <p className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">
          {mode === 'app' ? copy.appHint : copy.recoveryHint}
        </p>
        <p className="mt-1 truncate text-sm font-medium text-slate-700 dark:text-slate-300">{email}</p>
      </div>

      <div className="empty:hidden">
        {alertText ? (
          <p
            role="alert"
            className="flex items-start gap-2.5 rounded-xl border border-rose-200 bg-rose-50 px-3.5 py-3 text-sm text-rose-700 dark:border-rose-500/30 dark:bg-rose-500/10 dark:text-rose-300"
          >
            <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
            {alertText}
          </p>
        ) : null}
      </div>

      <TextField
        key={mode}
        ref={inputRef}
        label={mode === 'app' ? copy.appCode : copy.recoveryCode}
        name={mode === 'app' ? 'code' : 'recovery-code'}
        value={code}
        onChange={(event) => setCode(event.target.value)}
        error={fieldError ?? undefined}
        {...(mode === 'app'
          ? { autoComplete: 'one-time-code', inputMode: 'numeric' as const, maxLength: 7, placeholder: '123456' }
          : { autoComplete: 'off', inputMode: 'text' as const, maxLength: 32, placeholder: 'xxxxx-xxxxx' })}
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        className="[&_input]:font-mono [&_input]:tracking-widest"
      />

      <Button type="submit" size="lg" className="w-full" disabled={busy || throttle.isActive}>
        {busy ? (
          <>
            <Spinner />
            {copy.submitting}
          </>
        ) : (
          copy.submit
        )}
      </Button>

      <div className="flex flex-col items-center gap-2 text-sm">
        <button
          type="button"
          onClick={switchMode}
          className="rounded-lg px-2 py-1 font-medium text-iris-700 hover:underline dark:text-orchid-300"
        >
          {mode === 'app' ? copy.useRecovery : copy.useApp}
        </button>
        <button
          type="button"
          onClick={() => onRestart('back')}
          className="inline-flex items-center gap-1.5 rounded-lg px-2 py-1 text-slate-600 hover:underline dark:text-slate-400"
        >
          <ArrowLeft className="size-4" aria-hidden />
          {copy.back}
        </button>
      </div>
    </form>
  );
}
