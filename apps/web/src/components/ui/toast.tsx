'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { CircleAlert, CircleCheck, Info, X } from 'lucide-react';
import { cn } from '@/lib/cn';
import { useI18n } from '@/lib/i18n';

type ToastTone = 'success' | 'error' | 'info';

export interface ToastAction {
  label: string;
  onClick: () => void;
}

export interface ToastOptions {
  action?: ToastAction;
  /** Milliseconds before it goes by itself; paused while hovered or focused. */
  duration?: number;
}

interface ToastItem extends ToastOptions {
  id: number;
  tone: ToastTone;
  message: string;
}

export interface Toaster {
  success: (message: string, options?: ToastOptions) => number;
  error: (message: string, options?: ToastOptions) => number;
  info: (message: string, options?: ToastOptions) => number;
  dismiss: (id: number) => void;
}

const ToastContext = createContext<Toaster | null>(null);
const MAX_TOASTS = 4;

/**
 * Toasts for the outcome of every mutation: a polite live region (errors are alerts), each toast
 * dismissable, with an optional action ("Annuler"), gone after a few seconds unless hovered or focused.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const regionLabel = t.ui.toasts;
  const dismissLabel = t.ui.dismiss;
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((toast) => toast.id !== id)), []);
  const push = useCallback((tone: ToastTone, message: string, options: ToastOptions = {}) => {
    const id = nextId.current++;
    setToasts((list) => [...list, { id, tone, message, ...options }].slice(-MAX_TOASTS));
    return id;
  }, []);

  const toaster = useMemo<Toaster>(
    () => ({
      success: (message, options) => push('success', message, options),
      error: (message, options) => push('error', message, options),
      info: (message, options) => push('info', message, options),
      dismiss,
    }),
    [push, dismiss],
  );

  return (
    <ToastContext value={toaster}>
      {children}
      <div
        data-toast-region
        role="region"
        aria-label={regionLabel}
        aria-live="polite"
        className="pointer-events-none fixed inset-x-0 bottom-0 z-[70] flex flex-col items-center gap-2 p-4 sm:inset-x-auto sm:right-0 sm:items-end sm:p-6"
      >
        {toasts.map((toast) => (
          <ToastCard key={toast.id} toast={toast} dismissLabel={dismissLabel} onDismiss={() => dismiss(toast.id)} />
        ))}
      </div>
    </ToastContext>
  );
}

const toneStyles: Record<ToastTone, { icon: typeof Info; className: string }> = {
  success: { icon: CircleCheck, className: 'text-emerald-600 dark:text-emerald-400' },
  error: { icon: CircleAlert, className: 'text-rose-600 dark:text-rose-400' },
  info: { icon: Info, className: 'text-iris-600 dark:text-iris-300' },
};

function ToastCard({
  toast,
  dismissLabel,
  onDismiss,
}: {
  toast: ToastItem;
  dismissLabel: string;
  onDismiss: () => void;
}) {
  const [isPaused, setIsPaused] = useState(false);
  const duration = toast.duration ?? (toast.action ? 8000 : toast.tone === 'error' ? 7000 : 4500);
  const onDismissRef = useRef(onDismiss);
  useEffect(() => {
    onDismissRef.current = onDismiss;
  }, [onDismiss]);

  useEffect(() => {
    if (isPaused) return;
    const timer = window.setTimeout(() => onDismissRef.current(), duration);
    return () => window.clearTimeout(timer);
  }, [isPaused, duration]);

  const { icon: Icon, className } = toneStyles[toast.tone];
  return (
    <div
      role={toast.tone === 'error' ? 'alert' : 'status'}
      onMouseEnter={() => setIsPaused(true)}
      onMouseLeave={() => setIsPaused(false)}
      onFocus={() => setIsPaused(true)}
      onBlur={() => setIsPaused(false)}
      className={cn(
        'pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-xl border bg-white px-4 py-3 text-sm shadow-xl',
        'border-slate-200 text-slate-800 dark:border-night-700 dark:bg-night-800 dark:text-slate-100',
      )}
    >
      <Icon className={cn('mt-0.5 size-4 shrink-0', className)} aria-hidden />
      <p className="min-w-0 flex-1 break-words">{toast.message}</p>
      {toast.action ? (
        <button
          type="button"
          onClick={() => {
            toast.action?.onClick();
            onDismiss();
          }}
          className="-my-1 shrink-0 rounded-lg px-2 py-1 font-semibold text-iris-700 hover:bg-iris-50 dark:text-iris-200 dark:hover:bg-iris-500/15"
        >
          {toast.action.label}
        </button>
      ) : null}
      <button
        type="button"
        onClick={onDismiss}
        aria-label={dismissLabel}
        title={dismissLabel}
        className="-my-1 -mr-2 inline-flex size-7 shrink-0 items-center justify-center rounded-lg text-slate-500 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-night-700 dark:hover:text-white"
      >
        <X className="size-4" aria-hidden />
      </button>
    </div>
  );
}

export function useToast(): Toaster {
  const toaster = useContext(ToastContext);
  if (!toaster) throw new Error('useToast must be used inside <ToastProvider>');
  return toaster;
}
