'use client';

import { useEffect, useState } from 'react';

/** The current time, ticking every `ms` (30 s by default: minutes are what callers read). */
export function useNow(ms = 30_000) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), ms);
    return () => window.clearInterval(timer);
  }, [ms]);
  return now;
}
