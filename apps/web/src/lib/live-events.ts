'use client';

import { useEffect, useRef } from 'react';
import type { LIST_PRESENCE_EVENT } from '@ct/contracts/constants';

/**
 * Live events from the SSE stream other than notifications, by name, with their payloads. The
 * notification centre owns the one stream connection and publishes here; a page that shows something
 * live subscribes with `useLiveEvent` and refetches what the event moved.
 */
export interface LiveEventMap {
  /** A lease on a team list began or ended: who is on which contact changed. */
  [LIST_PRESENCE_EVENT]: { listId: string; teamId: string };
}

export type LiveEventName = keyof LiveEventMap;

const bus = typeof EventTarget === 'undefined' ? null : new EventTarget();

export function publishLiveEvent<K extends LiveEventName>(name: K, payload: LiveEventMap[K]): void {
  bus?.dispatchEvent(new CustomEvent(name, { detail: payload }));
}

/** Calls `handler` with each event of this name while the component is mounted. */
export function useLiveEvent<K extends LiveEventName>(name: K, handler: (payload: LiveEventMap[K]) => void): void {
  const handlerRef = useRef(handler);
  useEffect(() => {
    handlerRef.current = handler;
  }, [handler]);
  useEffect(() => {
    if (!bus) return;
    const listener = (event: Event) => handlerRef.current((event as CustomEvent<LiveEventMap[K]>).detail);
    bus.addEventListener(name, listener);
    return () => bus.removeEventListener(name, listener);
  }, [name]);
}
