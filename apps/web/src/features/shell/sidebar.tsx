'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { X } from 'lucide-react';
import { IconButton } from '@/components/ui/button';
import { useSession } from '@/features/auth/session-provider';
import { teamQueries } from '@/features/teams/teams.queries';
import { Logo } from '@/components/ui/logo';
import { cn } from '@/lib/cn';
import { useI18n } from '@/lib/i18n';
import { isActivePath, navItemsFor, navLabel } from './nav-items';

export const SIDEBAR_ID = 'app-sidebar';

/** Fixed on md and up; under md, an off-canvas drawer opened from the header's menu button. */
export function Sidebar({ isOpen, onClose }: { isOpen: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const pathname = usePathname();
  const { user } = useSession();
  // "Listes" shows once the user is known to be in a team (an admin sees every team's lists anyway).
  const teams = useQuery({ ...teamQueries.list(), enabled: Boolean(user) && user?.role !== 'admin' });
  const isInTeam = (teams.data?.items ?? []).some((team) => team.myRole !== null);
  const items = navItemsFor(user?.role, isInTeam);
  return (
    <aside
      id={SIDEBAR_ID}
      className={cn(
        'fixed inset-y-0 left-0 z-50 flex w-64 flex-col border-r border-slate-200/80 bg-white',
        'transition-[translate,visibility] duration-200 ease-out dark:border-night-800 dark:bg-night-900',
        isOpen ? 'max-md:shadow-2xl' : 'max-md:invisible max-md:-translate-x-full',
      )}
    >
      <div className="flex h-16 shrink-0 items-center justify-between px-5">
        <Link href="/dashboard" className="rounded-xl" onClick={onClose}>
          <Logo name={t.app.name} />
        </Link>
        <IconButton label={t.nav.closeMenu} onClick={onClose} className="md:hidden">
          <X className="size-5" aria-hidden />
        </IconButton>
      </div>
      <nav aria-label={t.nav.label} className="flex-1 overflow-y-auto px-3 py-4">
        <ul className="space-y-1">
          {items.map(({ key, href, icon: Icon }) => {
            const isActive = isActivePath(pathname, href);
            return (
              <li key={key}>
                <Link
                  href={href}
                  onClick={onClose}
                  aria-current={isActive ? 'page' : undefined}
                  className={cn(
                    'group relative flex h-11 items-center gap-3 rounded-xl px-3 text-sm font-medium transition',
                    isActive
                      ? 'bg-iris-50 text-iris-700 dark:bg-iris-500/15 dark:text-white'
                      : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-night-800 dark:hover:text-white',
                  )}
                >
                  {isActive ? (
                    <span
                      className="absolute inset-y-2 left-0 w-1 rounded-full bg-linear-to-b from-orchid-400 to-iris-500"
                      aria-hidden
                    />
                  ) : null}
                  <Icon
                    className={cn(
                      'size-[18px] shrink-0',
                      isActive ? 'text-iris-600 dark:text-orchid-300' : 'text-slate-400 group-hover:text-slate-600 dark:group-hover:text-slate-200',
                    )}
                    aria-hidden
                  />
                  {navLabel(key, t, user?.role)}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
    </aside>
  );
}
