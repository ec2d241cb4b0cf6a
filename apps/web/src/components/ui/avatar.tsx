import { cn } from '@/lib/cn';

/** Up to two initials: "Camille Durand" → "CD", "camille@x.fr" → "C". */
export function initialsOf(name: string, email: string) {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 0 ? words.slice(0, 2).map((word) => word[0]) : [email[0] ?? '?'];
  return letters.join('').toUpperCase();
}

export function UserAvatar({ name, email, className }: { name: string; email: string; className?: string }) {
  return (
    <span
      className={cn(
        'flex size-9 shrink-0 items-center justify-center rounded-full bg-linear-to-br from-orchid-600 to-iris-600 text-[0.8125rem] font-semibold text-white',
        className,
      )}
      aria-hidden
    >
      {initialsOf(name, email)}
    </span>
  );
}
