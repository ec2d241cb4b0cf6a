'use client';

import { createContext, useContext, useMemo, useSyncExternalStore, type ReactNode } from 'react';

/**
 * The instant the server rendered the page at. Whatever the browser hydrates (the shell first, a
 * Suspense boundary later) must show what the server showed, so a relative time ("dans 2 min") or a
 * contact's clock reads this instant while hydrating — React asks `useSyncExternalStore` for the
 * server snapshot then — and the browser's clock right after. Components mounted later read the clock.
 */
const RenderedAt = createContext<number | null>(null);

export function RenderedAtProvider({ at, children }: { at: number; children: ReactNode }) {
  return <RenderedAt.Provider value={at}>{children}</RenderedAt.Provider>;
}

/** A clock that ticks every `everyMs` while someone listens. */
function createClock(everyMs: number) {
  let now = Date.now();
  return {
    read: () => now,
    subscribe(onTick: () => void) {
      // Fresh when (re)started: React compares the snapshot once subscribed and re-renders if it moved.
      now = Date.now();
      const tick = () => {
        now = Date.now();
        onTick();
      };
      const timer = window.setInterval(tick, everyMs);
      return () => window.clearInterval(timer);
    },
  };
}

const stopped = () => () => {};

/** The current time, re-read every `everyMs` (30 s by default: minutes are what callers read) while `isActive`. */
export function useNow(everyMs = 30_000, isActive = true): Date {
  const renderedAt = useContext(RenderedAt);
  const clock = useMemo(() => createClock(everyMs), [everyMs]);
  const now = useSyncExternalStore(isActive ? clock.subscribe : stopped, clock.read, () => renderedAt ?? clock.read());
  return useMemo(() => new Date(now), [now]);
}
