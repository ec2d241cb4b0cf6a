'use client';

import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { usePathname } from 'next/navigation';
import { LoadError } from '@/components/query-state';
import { Spinner } from '@/components/ui/spinner';
import { useSession } from '@/features/auth/session-provider';
import { useI18n } from '@/lib/i18n';
import { Header } from './header';
import { Sidebar } from './sidebar';

/** Sidebar + sticky header around every signed-in page; the page renders once the user is known. */
export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const session = useSession();
  const pathname = usePathname();
  // The drawer belongs to the page it was opened on: any navigation (links, back/forward) closes it.
  const [menuOpenedAt, setMenuOpenedAt] = useState<string | null>(null);
  const isMenuOpen = menuOpenedAt === pathname;
  const closeMenu = useCallback(() => setMenuOpenedAt(null), []);

  useEffect(() => {
    if (!isMenuOpen) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') closeMenu();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [isMenuOpen, closeMenu]);

  return (
    <div className="min-h-dvh">
      <a
        href="#main"
        className="sr-only z-[60] rounded-xl bg-white px-4 py-2 text-sm font-medium text-iris-700 shadow-lg focus:not-sr-only focus:fixed focus:top-3 focus:left-3"
      >
        {t.common.skipToContent}
      </a>
      <Sidebar isOpen={isMenuOpen} onClose={closeMenu} />
      {isMenuOpen ? (
        <div
          className="fixed inset-0 z-40 bg-slate-950/40 backdrop-blur-[2px] md:hidden"
          aria-hidden
          onClick={closeMenu}
        />
      ) : null}
      <div className="flex min-h-dvh flex-col md:pl-64">
        <Header isMenuOpen={isMenuOpen} onOpenMenu={() => setMenuOpenedAt(pathname)} />
        <main id="main" tabIndex={-1} className="flex-1 px-4 py-6 outline-none sm:px-6 lg:px-8 lg:py-8">
          <div className="mx-auto w-full max-w-6xl">
            {session.status === 'ready' ? (
              children
            ) : session.status === 'error' ? (
              <LoadError message={t.common.loadError} onRetry={session.retry} />
            ) : (
              <div className="flex justify-center py-24 text-iris-500">
                <Spinner className="size-6" label={t.common.loading} />
              </div>
            )}
          </div>
        </main>
      </div>
    </div>
  );
}
