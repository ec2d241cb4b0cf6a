'use client';

import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { X } from 'lucide-react';
import { cn } from '@/lib/cn';
import { Button } from './button';
import { Spinner } from './spinner';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), ' +
  'textarea:not([disabled]), [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';

/** Open dialogs, innermost last: only the top one reacts to Escape and keeps the focus. */
const openDialogs: HTMLElement[] = [];

/** Whether a modal dialog is open (page-wide keyboard shortcuts stand down while one is). */
export function hasOpenDialog() {
  return openDialogs.length > 0;
}

function focusablesOf(panel: HTMLElement) {
  return [...panel.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (element) => !element.hasAttribute('disabled') && element.getClientRects().length > 0,
  );
}

function focusInitial(panel: HTMLElement, initialFocus?: RefObject<HTMLElement | null>) {
  const target =
    initialFocus?.current ??
    panel.querySelector<HTMLElement>('[data-autofocus]') ??
    focusablesOf(panel).find((element) => !element.hasAttribute('data-dialog-close')) ??
    panel;
  target.focus();
}

type DialogSize = 'sm' | 'md' | 'lg';
const sizes: Record<DialogSize, string> = { sm: 'sm:max-w-md', md: 'sm:max-w-xl', lg: 'sm:max-w-3xl' };

export interface DialogProps {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  /** The accessible name of the ✕ button. */
  closeLabel: string;
  children?: ReactNode;
  footer?: ReactNode;
  size?: DialogSize;
  /** `alertdialog` for confirmations that interrupt. */
  role?: 'dialog' | 'alertdialog';
  initialFocus?: RefObject<HTMLElement | null>;
  /** Keep open on a click outside (forms holding unsaved input). */
  isDismissable?: boolean;
  className?: string;
}

/**
 * A modal dialog: rendered above the page, focus moved in and trapped (Tab and Shift+Tab cycle, focus
 * cannot land outside), Escape and the ✕ close it, the page behind does not scroll, and the focus goes
 * back to what had it when it closes. Stacks: a confirmation opened from a dialog sits above it.
 */
export function Dialog({ open, ...props }: DialogProps) {
  if (!open || typeof document === 'undefined') return null;
  return createPortal(<DialogPanel {...props} />, document.body);
}

function DialogPanel({
  onClose,
  title,
  description,
  closeLabel,
  children,
  footer,
  size = 'md',
  role = 'dialog',
  initialFocus,
  isDismissable = true,
  className,
}: Omit<DialogProps, 'open'>) {
  const panelRef = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const panel = panelRef.current;
    if (!panel) return;
    const previouslyFocused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    openDialogs.push(panel);
    const previousOverflow = document.body.style.overflow;
    document.body.style.overflow = 'hidden';
    focusInitial(panel, initialFocus);

    // Focus that escapes (a click on the page behind, a script) comes back to the top dialog.
    const onFocusIn = (event: FocusEvent) => {
      const top = openDialogs.at(-1);
      if (top !== panel) return;
      const target = event.target as Node | null;
      if (target && !panel.contains(target) && !(target as Element).closest?.('[data-toast-region]')) {
        focusInitial(panel);
      }
    };
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      openDialogs.splice(openDialogs.indexOf(panel), 1);
      if (openDialogs.length === 0) document.body.style.overflow = previousOverflow;
      if (previouslyFocused?.isConnected) previouslyFocused.focus();
    };
    // The initial focus is decided once, when the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const panel = panelRef.current;
    if (!panel || openDialogs.at(-1) !== panel) return;
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.stopPropagation();
      event.preventDefault();
      onCloseRef.current();
      return;
    }
    if (event.key !== 'Tab') return;
    const focusables = focusablesOf(panel);
    const first = focusables[0];
    const last = focusables.at(-1);
    if (!first || !last) {
      event.preventDefault();
      return;
    }
    if (event.shiftKey && (document.activeElement === first || document.activeElement === panel)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <div
      className="fixed inset-0 z-50 flex items-end justify-center bg-slate-950/50 backdrop-blur-[2px] sm:items-center sm:p-6"
      onMouseDown={(event) => {
        if (isDismissable && event.target === event.currentTarget) onCloseRef.current();
      }}
    >
      <div
        ref={panelRef}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description ? descriptionId : undefined}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        className={cn(
          'flex max-h-[92dvh] w-full flex-col overflow-hidden rounded-t-2xl border border-slate-200/80 bg-white shadow-2xl outline-none',
          'sm:rounded-2xl dark:border-night-700 dark:bg-night-900',
          sizes[size],
          className,
        )}
      >
        <div className="flex items-start gap-3 border-b border-slate-100 px-5 py-4 dark:border-night-800">
          <div className="min-w-0 flex-1">
            <h2 id={titleId} className="text-base font-semibold text-slate-900 dark:text-white">
              {title}
            </h2>
            {description ? (
              <div id={descriptionId} className="mt-1 text-sm text-slate-600 dark:text-slate-400">
                {description}
              </div>
            ) : null}
          </div>
          <button
            type="button"
            data-dialog-close
            aria-label={closeLabel}
            title={closeLabel}
            onClick={() => onCloseRef.current()}
            className="-mt-1 -mr-2 inline-flex size-9 shrink-0 items-center justify-center rounded-lg text-slate-500 transition hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-night-800 dark:hover:text-white"
          >
            <X className="size-5" aria-hidden />
          </button>
        </div>
        {children ? <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4">{children}</div> : null}
        {footer ? (
          <div className="flex flex-col-reverse gap-2 border-t border-slate-100 px-5 py-3.5 sm:flex-row sm:justify-end dark:border-night-800">
            {footer}
          </div>
        ) : null}
      </div>
    </div>
  );
}

/**
 * A dialog's footer: Cancel, then the action. While the action runs, it shows a spinner and both
 * buttons wait. `form` makes the action the submit button of that form (validation runs on submit).
 */
export function DialogActions({
  cancelLabel,
  onCancel,
  label,
  onAction,
  form,
  isPending,
  isDisabled = false,
  variant = 'primary',
  hasAutofocus = false,
}: {
  cancelLabel: string;
  onCancel: () => void;
  label: ReactNode;
  onAction?: () => void;
  form?: string;
  isPending: boolean;
  isDisabled?: boolean;
  variant?: 'primary' | 'danger';
  /** The action takes the focus when the dialog opens (a confirmation). */
  hasAutofocus?: boolean;
}) {
  return (
    <>
      <Button variant="secondary" onClick={onCancel} disabled={isPending}>
        {cancelLabel}
      </Button>
      <Button
        variant={variant}
        {...(form ? { type: 'submit' as const, form } : { onClick: onAction })}
        disabled={isPending || isDisabled}
        {...(hasAutofocus ? { 'data-autofocus': true } : {})}
      >
        {isPending ? <Spinner /> : null}
        {label}
      </Button>
    </>
  );
}
