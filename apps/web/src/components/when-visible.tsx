'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * Renders `children` once this place comes near the viewport (`rootMargin` ahead of it), `fallback`
 * until then — on the server and while hydrating too, so the first render is light and both agree.
 * For what only the eye needs (a chart drawn over a table a screen reader reads): its code, loaded
 * with next/dynamic, then loads only when it is scrolled to.
 */
export function WhenVisible({
  children,
  fallback,
  rootMargin = '200px',
  className,
}: {
  children: ReactNode;
  fallback: ReactNode;
  rootMargin?: string;
  className?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [isNear, setIsNear] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element || isNear) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        setIsNear(true);
        observer.disconnect();
      },
      { rootMargin },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [isNear, rootMargin]);
  return (
    <div ref={ref} className={className}>
      {isNear ? children : fallback}
    </div>
  );
}
