import { PhoneCall } from 'lucide-react';

/** The product mark: the brand gradient tile and the name. */
export function Logo({ name }: { name: string }) {
  return (
    <span className="flex items-center gap-2.5">
      <span className="flex size-9 items-center justify-center rounded-xl bg-linear-to-br from-orchid-400 to-iris-500 text-white shadow-brand">
        <PhoneCall className="size-[18px]" aria-hidden strokeWidth={2.25} />
      </span>
      <span className="text-[1.05rem] font-bold tracking-tight text-slate-900 dark:text-white">{name}</span>
    </span>
  );
}
