'use client';

import { useRef, useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import { useQueryClient } from '@tanstack/react-query';
import { CircleAlert, Eye, EyeOff, Info, Lock, Mail } from 'lucide-react';
import { PASSWORD_MAX_LENGTH } from '@ct/contracts/constants';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { TextField } from '@/components/ui/text-field';
import { ApiError } from '@/lib/api';
import { useI18n } from '@/lib/i18n';
import * as loginMessages from '@/lib/i18n/messages/login';
import { safeNextPath } from '@/lib/safe-redirect';
import { login } from './auth.api';
import { meQuery } from './auth.queries';
import { SecondFactorForm } from './second-factor-form';
import { useClock } from './use-clock';

export type LoginNotice = 'signed-out' | 'expired' | null;

type FormError = { kind: 'message'; text: string } | { kind: 'throttled'; until: number | null };

/** The second step of an account with two-factor authentication. */
type CodeStep = { challenge: string; email: string };

/** The API's bounds of the sign-in body (contracts › loginBodySchema), checked before sending. */
const EMAIL_MAX = 254;
type FieldProblem = 'required' | 'tooLong' | null;
const problemOf = (value: string, max: number): FieldProblem =>
  value.length === 0 ? 'required' : value.length > max ? 'tooLong' : null;

function describeFailure(error: unknown, t: typeof loginMessages.fr): FormError {
  if (error instanceof ApiError) {
    if (error.status === 401) return { kind: 'message', text: t.badCredentials };
    if (error.status === 429) {
      const seconds = error.retryAfterSeconds;
      return { kind: 'throttled', until: seconds === null ? null : Date.now() + seconds * 1000 };
    }
    if (error.status === 400 && error.problem?.detail) return { kind: 'message', text: error.problem.detail };
  }
  return { kind: 'message', text: t.unavailable };
}

export function LoginForm({ next, notice }: { next: string; notice: LoginNotice }) {
  const { t } = useI18n({ login: loginMessages });
  // Checked again where it is followed: this component must never be the open redirect.
  const target = safeNextPath(next);
  const router = useRouter();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<FormError | null>(null);
  const [isRedirecting, setIsRedirecting] = useState(false);
  const [showPassword, setShowPassword] = useState(false);
  const [codeStep, setCodeStep] = useState<CodeStep | null>(null);

  // Two fields checked on submit, then as they are typed in (a plain form: no form library for this page).
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [isChecked, setIsChecked] = useState(false);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const emailProblem = isChecked ? problemOf(email.trim(), EMAIL_MAX) : null;
  const passwordProblem = isChecked ? problemOf(password, PASSWORD_MAX_LENGTH) : null;

  const throttledUntil = formError?.kind === 'throttled' ? formError.until : null;
  const clock = useClock(throttledUntil !== null);
  const secondsLeft = throttledUntil === null ? null : Math.max(0, Math.ceil((throttledUntil - clock.now) / 1000));
  const isThrottled = formError?.kind === 'throttled' && (secondsLeft === null || secondsLeft > 0);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (isSubmitting) return;
    setIsChecked(true);
    const body = { email: email.trim().toLowerCase(), password };
    const invalid = [
      [problemOf(body.email, EMAIL_MAX), emailRef],
      [problemOf(password, PASSWORD_MAX_LENGTH), passwordRef],
    ] as const;
    const firstInvalid = invalid.find(([problem]) => problem !== null);
    if (firstInvalid) {
      firstInvalid[1].current?.focus();
      return;
    }
    setFormError(null);
    setIsSubmitting(true);
    try {
      const result = await login(body);
      if (result.kind === 'code-required') {
        setCodeStep({ challenge: result.challenge, email: body.email });
        return;
      }
      queryClient.setQueryData(meQuery().queryKey, result.user);
      setIsRedirecting(true);
      router.replace(target);
    } catch (error) {
      clock.resync();
      setFormError(describeFailure(error, t.login));
    } finally {
      setIsSubmitting(false);
    }
  };

  const busy = isSubmitting || isRedirecting;
  const errorText =
    formError?.kind === 'message'
      ? formError.text
      : isThrottled
        ? secondsLeft === null
          ? t.login.tooManyAttemptsLater
          : t.login.tooManyAttempts(secondsLeft)
        : null;
  const noticeText = notice === 'signed-out' ? t.login.signedOut : notice === 'expired' ? t.login.expired : null;

  if (codeStep) {
    return (
      <SecondFactorForm
        challenge={codeStep.challenge}
        email={codeStep.email}
        onSignedIn={(user) => {
          queryClient.setQueryData(meQuery().queryKey, user);
          router.replace(target);
        }}
        onRestart={(reason) => {
          setCodeStep(null);
          setPassword('');
          setIsChecked(false);
          setFormError(reason === 'expired' ? { kind: 'message', text: t.login.mfa.expired } : null);
          // The password field is back in the page on the next render.
          window.setTimeout(() => passwordRef.current?.focus(), 0);
        }}
      />
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5" aria-busy={busy}>
      <div className="empty:hidden">
        {errorText ? (
          <p
            role="alert"
            className="flex items-start gap-2.5 rounded-xl border border-rose-200 bg-rose-50 px-3.5 py-3 text-sm text-rose-700 dark:border-rose-500/30 dark:bg-rose-500/10 dark:text-rose-300"
          >
            <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
            {errorText}
          </p>
        ) : noticeText ? (
          <p
            role="status"
            className="flex items-start gap-2.5 rounded-xl border border-iris-200 bg-iris-50 px-3.5 py-3 text-sm text-iris-800 dark:border-iris-500/30 dark:bg-iris-500/10 dark:text-iris-200"
          >
            <Info className="mt-0.5 size-4 shrink-0" aria-hidden />
            {noticeText}
          </p>
        ) : null}
      </div>

      <TextField
        label={t.login.email}
        type="email"
        autoComplete="username"
        inputMode="email"
        autoCapitalize="none"
        spellCheck={false}
        icon={<Mail className="size-4" />}
        ref={emailRef}
        name="email"
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        error={emailProblem ? (emailProblem === 'required' ? t.login.emailRequired : t.login.emailInvalid) : undefined}
      />

      <div className="relative">
        <TextField
          label={t.login.password}
          type={showPassword ? 'text' : 'password'}
          autoComplete="current-password"
          icon={<Lock className="size-4" />}
          className="[&_input]:pr-11"
          ref={passwordRef}
          name="password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={
            passwordProblem
              ? passwordProblem === 'required'
                ? t.login.passwordRequired
                : t.login.passwordInvalid
              : undefined
          }
        />
        <button
          type="button"
          onClick={() => setShowPassword((shown) => !shown)}
          aria-label={showPassword ? t.login.hidePassword : t.login.showPassword}
          aria-pressed={showPassword}
          className="absolute top-[1.875rem] right-1.5 flex size-9 items-center justify-center rounded-lg text-slate-400 transition hover:text-slate-700 dark:hover:text-slate-200"
        >
          {showPassword ? <EyeOff className="size-4" aria-hidden /> : <Eye className="size-4" aria-hidden />}
        </button>
      </div>

      <Button type="submit" size="lg" className="w-full" disabled={busy || isThrottled}>
        {busy ? (
          <>
            <Spinner />
            {t.login.submitting}
          </>
        ) : (
          t.login.submit
        )}
      </Button>
    </form>
  );
}
