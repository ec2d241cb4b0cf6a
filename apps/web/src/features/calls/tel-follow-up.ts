'use client';

import { useEffect, useRef } from 'react';

/**
 * After a `tel:` link is clicked, the phone app (or softphone) takes the focus; when the tab gets it
 * back, the app offers to log that call. The pending dial is kept in sessionStorage so that it survives
 * a navigation between the pages that show calls.
 */

const STORAGE_KEY = 'ct-pending-dial';
/** A dial older than this is not offered any more (the call is long over, or was never made). */
const MAX_AGE_MS = 2 * 60 * 60_000;

export interface PendingDial {
  callId: string;
  name: string;
  at: number;
}

export function rememberDial(dial: Omit<PendingDial, 'at'>) {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ ...dial, at: Date.now() }));
  } catch {
    // Storage disabled: no follow-up offer, nothing else lost.
  }
}

function takePendingDial(): PendingDial | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    sessionStorage.removeItem(STORAGE_KEY);
    const dial = JSON.parse(raw) as Partial<PendingDial>;
    if (typeof dial.callId !== 'string' || typeof dial.name !== 'string' || typeof dial.at !== 'number') return null;
    return Date.now() - dial.at <= MAX_AGE_MS ? (dial as PendingDial) : null;
  } catch {
    return null;
  }
}

function hasPendingDial() {
  try {
    return sessionStorage.getItem(STORAGE_KEY) !== null;
  } catch {
    return false;
  }
}

/** Calls `onReturn` with the dialled contact when the tab regains focus after a `tel:` link was followed. */
export function useTelFollowUp(onReturn: (dial: PendingDial) => void) {
  const onReturnRef = useRef(onReturn);
  useEffect(() => {
    onReturnRef.current = onReturn;
  }, [onReturn]);

  useEffect(() => {
    let wasAway = false;
    const onAway = () => {
      if (hasPendingDial()) wasAway = true;
    };
    const onBack = () => {
      if (!wasAway || document.visibilityState !== 'visible') return;
      wasAway = false;
      const dial = takePendingDial();
      if (dial) onReturnRef.current(dial);
    };
    const onVisibility = () => (document.visibilityState === 'hidden' ? onAway() : onBack());
    window.addEventListener('blur', onAway);
    window.addEventListener('focus', onBack);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('blur', onAway);
      window.removeEventListener('focus', onBack);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, []);
}
