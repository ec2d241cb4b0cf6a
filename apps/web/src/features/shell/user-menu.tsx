'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { ChevronDown, LogOut } from 'lucide-react';
import type { User } from '@ct/contracts';
import { Spinner } from '@/components/ui/spinner';
import { useLogout } from '@/features/auth/use-logout';
import { useI18n } from '@/lib/i18n';
import { useDismiss } from './use-dismiss';
import { UserAvatar } from '@/components/ui/avatar';

export function UserMenu({ user }: { user: User }) {
  const { t } = useI18n();
  const [isOpen, setIsOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const firstItemRef = useRef<HTMLButtonElement>(null);
  const logout = useLogout();

  const close = useCallback(() => {
    setIsOpen(false);
    triggerRef.current?.focus();
  }, []);
  useDismiss(rootRef, isOpen, close);

  useEffect(() => {
    if (isOpen) firstItemRef.current?.focus();
  }, [isOpen]);

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={triggerRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={isOpen}
        aria-controls="user-menu"
        aria-label={`${t.header.userMenu} — ${user.name}`}
        onClick={() => setIsOpen((open) => !open)}
        className="flex items-center gap-2.5 rounded-full py-1 pr-2 pl-1 transition hover:bg-slate-100 sm:rounded-xl dark:hover:bg-night-800"
      >
        <UserAvatar name={user.name} email={user.email} />
        <span className="hidden max-w-40 truncate text-sm font-medium text-slate-700 sm:block dark:text-slate-200">
          {user.name}
        </span>
        <ChevronDown className="hidden size-4 text-slate-400 sm:block" aria-hidden />
      </button>

      {isOpen ? (
        <div
          id="user-menu"
          role="menu"
          aria-label={t.header.userMenu}
          onKeyDown={(event) => {
            if (event.key === 'Tab') setIsOpen(false);
          }}
          className="absolute right-0 z-40 mt-2 w-64 overflow-hidden rounded-2xl border border-slate-200/80 bg-white shadow-xl dark:border-night-700 dark:bg-night-900"
        >
          <div className="flex items-center gap-3 border-b border-slate-100 px-4 py-3.5 dark:border-night-800" role="none">
            <UserAvatar name={user.name} email={user.email} className="size-10" />
            <div className="min-w-0">
              <p className="truncate text-sm font-semibold text-slate-900 dark:text-white">{user.name}</p>
              <p className="truncate text-xs text-slate-600 dark:text-slate-400">{user.email}</p>
              {user.role === 'admin' ? (
                <p className="mt-1 inline-flex rounded-full bg-iris-50 px-2 py-0.5 text-[11px] font-semibold text-iris-700 dark:bg-iris-500/15 dark:text-iris-200">
                  {t.header.admin}
                </p>
              ) : null}
            </div>
          </div>
          <div className="p-1.5" role="none">
            <button
              ref={firstItemRef}
              type="button"
              role="menuitem"
              disabled={logout.isPending}
              onClick={() => logout.mutate()}
              className="flex w-full items-center gap-2.5 rounded-xl px-3 py-2.5 text-left text-sm font-medium text-slate-700 transition hover:bg-rose-50 hover:text-rose-700 focus-visible:bg-rose-50 dark:text-slate-200 dark:hover:bg-rose-500/10 dark:hover:text-rose-300"
            >
              {logout.isPending ? <Spinner /> : <LogOut className="size-4" aria-hidden />}
              {logout.isPending ? t.header.loggingOut : t.header.logout}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
