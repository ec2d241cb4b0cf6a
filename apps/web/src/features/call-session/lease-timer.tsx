'use client';

import { Timer, TimerOff } from 'lucide-react';
import { cn } from '@/lib/cn';
import { useI18n } from '@/lib/i18n';
import { useNow } from '@/lib/use-now';
import * as callSessionMessages from '@/lib/i18n/messages/call-session';

/** Under this many minutes left, the hold's time turns amber: time to log or give the contact back. */
const RUNNING_OUT_MINUTES = 2;

/**
 * How long the contact on screen stays held for this caller: discreet while there is time, amber near
 * the end; once expired, a colleague may be handed the contact, and the caller can take one again.
 */
export function LeaseTimer({ expiresAt, onReclaim }: { expiresAt: string; onReclaim: () => void }) {
  const { t } = useI18n({ callSession: callSessionMessages });
  const copy = t.callSession.team;
  const now = useNow(15_000);
  const msLeft = new Date(expiresAt).getTime() - now.getTime();

  if (msLeft <= 0) {
    return (
      <span role="status" className="inline-flex flex-wrap items-center gap-2 text-amber-800 dark:text-amber-300">
        <TimerOff className="size-3.5" aria-hidden />
        {copy.leaseExpired}
        <button
          type="button"
          onClick={onReclaim}
          className="font-semibold text-iris-700 underline underline-offset-2 hover:text-iris-900 dark:text-iris-200 dark:hover:text-white"
        >
          {copy.reclaim}
        </button>
      </span>
    );
  }
  const minutes = Math.floor(msLeft / 60_000);
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1 tabular-nums',
        minutes < RUNNING_OUT_MINUTES ? 'text-amber-800 dark:text-amber-300' : 'text-slate-600 dark:text-slate-400',
      )}
    >
      <Timer className="size-3.5" aria-hidden />
      <span aria-hidden>{copy.leaseLeft(minutes)}</span>
      <span className="sr-only">{copy.leaseLong(minutes)}</span>
    </span>
  );
}
