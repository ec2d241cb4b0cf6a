'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { TEAM_LIST_EXCLUDE_MAX } from '@ct/contracts/constants';
import { claimNext, releaseOnLeave, type TeamListClaim } from './team-list.api';

export type TeamQueueState =
  | { status: 'claiming' }
  | { status: 'holding'; claim: TeamListClaim }
  /** Nobody is callable right now (all taken by colleagues, in their cooldown, or done). */
  | { status: 'empty' }
  | { status: 'error'; error: unknown };

/** The contacts skipped on this list in this tab survive a reload (the queue would hand them back). */
const skippedKey = (listId: string) => `ct-session-skipped:${listId}`;

function readSkipped(listId: string): string[] {
  if (typeof window === 'undefined') return [];
  try {
    const stored: unknown = JSON.parse(window.sessionStorage.getItem(skippedKey(listId)) ?? '[]');
    return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

function writeSkipped(listId: string, ids: string[]) {
  try {
    if (ids.length === 0) window.sessionStorage.removeItem(skippedKey(listId));
    else window.sessionStorage.setItem(skippedKey(listId), JSON.stringify(ids));
  } catch {
    // Private browsing without storage: a reload simply forgets the skipped contacts.
  }
}

/**
 * The session on a team list: one contact at a time, claimed from the shared queue as the caller goes
 * (POST /lists/:id/next). Mounting resumes the lease already held (a reload); skipping claims the next
 * with the skipped contacts excluded (the API gives the skipped one back in the same request); a logged
 * call has ended its lease, so the next is claimed. Leaving — unmount, or the page hidden for good —
 * gives the held contact back (best effort: a lease also expires by itself).
 */
export function useTeamListQueue(listId: string) {
  const [state, setState] = useState<TeamQueueState>({ status: 'claiming' });
  const [skipped, setSkipped] = useState<string[]>(() => readSkipped(listId));
  const [counts, setCounts] = useState({ logged: 0, skipped: 0 });
  const heldRef = useRef<string | null>(null);
  const isDisposedRef = useRef(false);
  const requestRef = useRef(0);
  const skippedRef = useRef(skipped);

  /** Asks the queue; only the latest request's answer is shown, and one arriving after leaving is given back. */
  const runClaim = useCallback(
    async (exclude: string[]) => {
      const request = ++requestRef.current;
      try {
        const claim = await claimNext(listId, exclude);
        if (isDisposedRef.current) {
          if (claim) releaseOnLeave(listId, claim.call.id);
          return;
        }
        if (request !== requestRef.current) return;
        heldRef.current = claim?.call.id ?? null;
        setState(claim ? { status: 'holding', claim } : { status: 'empty' });
      } catch (error) {
        if (isDisposedRef.current || request !== requestRef.current) return;
        setState({ status: 'error', error });
      }
    },
    [listId],
  );

  const claim = useCallback(
    (exclude: string[]) => {
      setState({ status: 'claiming' });
      void runClaim(exclude);
    },
    [runClaim],
  );

  useEffect(() => {
    isDisposedRef.current = false;
    void runClaim(skippedRef.current);
    const giveBack = () => {
      const held = heldRef.current;
      heldRef.current = null;
      if (held) releaseOnLeave(listId, held);
    };
    // Back from the back/forward cache: the lease was given back on the way out, so claim again.
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) void runClaim(skippedRef.current);
    };
    window.addEventListener('pagehide', giveBack);
    window.addEventListener('pageshow', onPageShow);
    return () => {
      isDisposedRef.current = true;
      window.removeEventListener('pagehide', giveBack);
      window.removeEventListener('pageshow', onPageShow);
      giveBack();
    };
  }, [listId, runClaim]);

  const updateSkipped = useCallback(
    (next: string[]) => {
      skippedRef.current = next;
      setSkipped(next);
      writeSkipped(listId, next);
    },
    [listId],
  );

  const held = state.status === 'holding' ? state.claim.call.id : null;

  return {
    state,
    counts,
    skippedCount: skipped.length,
    /** Skip the contact on screen: it goes back to the queue for the others, not to this caller again. */
    skip: useCallback(() => {
      if (!held) return;
      const next = [held, ...skippedRef.current.filter((id) => id !== held)].slice(0, TEAM_LIST_EXCLUDE_MAX);
      updateSkipped(next);
      setCounts((current) => ({ ...current, skipped: current.skipped + 1 }));
      claim(next);
    }, [held, updateSkipped, claim]),
    /** The call was logged: its lease is over, on to the next. */
    logged: useCallback(() => {
      heldRef.current = null;
      setCounts((current) => ({ ...current, logged: current.logged + 1 }));
      claim(skippedRef.current);
    }, [claim]),
    /** Ask the queue again (after "nobody left", an error, or an expired lease). */
    retry: useCallback(() => claim(skippedRef.current), [claim]),
    /** Let the skipped contacts come back. */
    revisitSkipped: useCallback(() => {
      updateSkipped([]);
      claim([]);
    }, [updateSkipped, claim]),
  };
}
