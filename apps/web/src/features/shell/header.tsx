'use client';

import { usePathname } from 'next/navigation';
import { Menu } from 'lucide-react';
import { IconButton } from '@/components/ui/button';
import { useSession } from '@/features/auth/session-provider';
import { useI18n } from '@/lib/i18n';
import { sectionTitle } from './nav-items';
import { NotificationBell } from './notification-bell';
import { SIDEBAR_ID } from './sidebar';
import { ThemeToggle } from './theme-toggle';
import { UserMenu } from './user-menu';

export function Header({ isMenuOpen, onOpenMenu }: { isMenuOpen: boolean; onOpenMenu: () => void }) {
  const { t } = useI18n();
  const pathname = usePathname();
  const session = useSession();
  return (
    <header className="sticky top-0 z-30 flex h-16 shrink-0 items-center gap-2 border-b border-slate-200/80 bg-white/85 px-3 backdrop-blur-md sm:gap-3 sm:px-6 lg:px-8 dark:border-night-800 dark:bg-night-950/85">
      <IconButton
        label={t.nav.openMenu}
        aria-expanded={isMenuOpen}
        aria-controls={SIDEBAR_ID}
        onClick={onOpenMenu}
        className="md:hidden"
      >
        <Menu className="size-5" aria-hidden />
      </IconButton>
      <h1 className="min-w-0 truncate text-lg font-semibold tracking-tight text-slate-900 dark:text-white">
        {sectionTitle(pathname, t, session.user?.role)}
      </h1>
      <div className="ml-auto flex items-center gap-0.5 sm:gap-1.5">
        <NotificationBell />
        <ThemeToggle />
        {session.user ? (
          <UserMenu user={session.user} />
        ) : (
          <span className="ml-1 size-9 animate-pulse rounded-full bg-slate-200 dark:bg-night-800" aria-hidden />
        )}
      </div>
    </header>
  );
}
