'use client';

import { useEffect, useState } from 'react';

/** The current time, re-read every `everyMs` while `isActive` (relative times stay true). */
export function useNow(everyMs: number, isActive = true): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    if (!isActive) return;
    const refresh = () => setNow(new Date());
    const timer = window.setInterval(refresh, everyMs);
    const first = window.setTimeout(refresh, 0);
    return () => {
      window.clearInterval(timer);
      window.clearTimeout(first);
    };
  }, [everyMs, isActive]);
  return now;
}
