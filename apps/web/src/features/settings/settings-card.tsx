import { useId, type ReactNode } from 'react';
import type { LucideIcon } from 'lucide-react';
import { Card } from '@/components/ui/card';

/** One section of the settings page: an icon, a title and what it is for, then its fields. */
export function SettingsCard({
  icon: Icon,
  title,
  hint,
  children,
}: {
  icon: LucideIcon;
  title: string;
  hint: string;
  children: ReactNode;
}) {
  const titleId = useId();
  return (
    <Card aria-labelledby={titleId}>
      <div className="flex items-center gap-3 border-b border-slate-100 px-5 py-4 sm:px-6 dark:border-night-800">
        <span className="flex size-10 shrink-0 items-center justify-center rounded-xl bg-iris-50 text-iris-600 dark:bg-iris-500/15 dark:text-orchid-300">
          <Icon className="size-5" aria-hidden />
        </span>
        <div className="min-w-0">
          <h2 id={titleId} className="text-base font-semibold text-slate-900 dark:text-white">
            {title}
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">{hint}</p>
        </div>
      </div>
      <div className="px-5 py-5 sm:px-6">{children}</div>
    </Card>
  );
}
