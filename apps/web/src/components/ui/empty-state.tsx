import type { ReactNode } from 'react';
import type { LucideIcon } from 'lucide-react';
import { Card } from './card';

/** What a section shows when it has nothing yet: an icon, what will appear here, and what to do next. */
export function EmptyState({
  icon: Icon,
  title,
  children,
  action,
}: {
  icon: LucideIcon;
  title: string;
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <Card className="flex flex-col items-center px-6 py-14 text-center sm:py-20">
      <div className="relative mb-6">
        <div className="absolute inset-0 scale-150 rounded-full bg-linear-to-br from-orchid-400/25 to-iris-500/25 blur-xl" />
        <div className="relative flex size-16 items-center justify-center rounded-2xl bg-linear-to-br from-orchid-400 to-iris-500 text-white shadow-brand">
          <Icon className="size-8" aria-hidden strokeWidth={1.75} />
        </div>
      </div>
      <h2 className="text-lg font-semibold text-slate-900 dark:text-white">{title}</h2>
      <p className="mt-2 max-w-md text-sm leading-6 text-slate-600 dark:text-slate-400">{children}</p>
      {action ? <div className="mt-6">{action}</div> : null}
    </Card>
  );
}
