'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Open/close state of a popover anchored in `rootRef` (trigger and panel inside it): a press outside or
 * Escape closes it, and Escape gives the focus back to the trigger.
 */
export function usePopover<Root extends HTMLElement, Trigger extends HTMLElement>() {
  const [isOpen, setIsOpen] = useState(false);
  const rootRef = useRef<Root>(null);
  const triggerRef = useRef<Trigger>(null);

  const close = useCallback((returnFocus = false) => {
    setIsOpen(false);
    if (returnFocus) triggerRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!isOpen) return;
    const onPointerDown = (event: PointerEvent) => {
      if (rootRef.current && !rootRef.current.contains(event.target as Node)) close();
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      // Handled here: a dialog around the popover must not close as well.
      event.preventDefault();
      event.stopPropagation();
      close(true);
    };
    const root = rootRef.current;
    document.addEventListener('pointerdown', onPointerDown);
    root?.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      root?.removeEventListener('keydown', onKeyDown);
    };
  }, [isOpen, close]);

  return { isOpen, setIsOpen, close, rootRef, triggerRef };
}
