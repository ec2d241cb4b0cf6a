import { useEffect, useState } from 'react';

/** A clock ticking once a second while `isTicking`; `resync` sets it to now (call it with the deadline). */
export function useClock(isTicking: boolean) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!isTicking) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [isTicking]);
  return { now, resync: () => setNow(Date.now()) };
}

/** Seconds left before a Retry-After deadline (null: unknown), and whether it is still running. */
export function useThrottle(until: number | null | undefined) {
  const clock = useClock(until !== undefined && until !== null);
  const secondsLeft = until === undefined || until === null ? null : Math.max(0, Math.ceil((until - clock.now) / 1000));
  return {
    secondsLeft,
    isActive: until !== undefined && (secondsLeft === null || secondsLeft > 0),
    resync: clock.resync,
  };
}
