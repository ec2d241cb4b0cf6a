'use client';

import { useEffect, type RefObject } from 'react';
import { hasOpenDialog } from '@/components/ui/dialog';
import type { LogCallFormControl } from '@/features/calls/log-call-form';
import { OUTCOMES } from '@/lib/i18n/labels';
import { isTypingTarget } from '@/lib/keyboard';

/**
 * The session's single-key shortcuts: 1–7 pick the outcome, Enter logs it, ? opens the help, and the
 * letters of the actions the session offers (N next, P previous, S snooze, E edit; a handler left out
 * leaves its key alone). Escape in the note gives the keys back. Nothing fires while a dialog is open.
 */
export function useSessionKeys({
  hasContact,
  controlRef,
  cardRef,
  onHelp,
  onNext,
  onPrevious,
  onSnooze,
  onEdit,
}: {
  hasContact: boolean;
  controlRef: RefObject<LogCallFormControl | null>;
  cardRef: RefObject<HTMLElement | null>;
  onHelp: () => void;
  onNext: () => void;
  onPrevious?: (() => void) | undefined;
  onSnooze?: (() => void) | undefined;
  onEdit?: (() => void) | undefined;
}) {
  useEffect(() => {
    const actions: Record<string, (() => void) | undefined> = { n: onNext, p: onPrevious, s: onSnooze, e: onEdit };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || hasOpenDialog() || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target)) {
        // Escape leaves the note (or a field) so that the single-key shortcuts work again.
        if (event.key === 'Escape') {
          event.preventDefault();
          cardRef.current?.focus();
        }
        return;
      }
      if (event.key === '?') {
        event.preventDefault();
        onHelp();
        return;
      }
      if (!hasContact) return;
      const key = event.key.toLowerCase();
      const action = actions[key];
      if (/^[1-7]$/.test(key)) {
        const outcome = OUTCOMES[Number(key) - 1];
        if (outcome) {
          event.preventDefault();
          controlRef.current?.pickOutcome(outcome);
        }
      } else if (key === 'enter' && controlRef.current?.hasOutcome() && !(event.target instanceof HTMLButtonElement)) {
        event.preventDefault();
        controlRef.current.submit();
      } else if (action) {
        event.preventDefault();
        action();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [hasContact, controlRef, cardRef, onHelp, onNext, onPrevious, onSnooze, onEdit]);
}
