'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { ScrollText, Users, UsersRound } from 'lucide-react';
import { useSession } from '@/features/auth/session-provider';
import { cn } from '@/lib/cn';
import { useI18n } from '@/lib/i18n';
import * as adminMessages from '@/lib/i18n/messages/admin';

const TABS = [
  { key: 'users', href: '/admin/users', icon: Users },
  { key: 'teams', href: '/admin/teams', icon: UsersRound },
  { key: 'audits', href: '/admin/audits', icon: ScrollText },
] as const;

/** The part of the admin area a manager reaches: the teams they lead. */
export const MANAGER_ADMIN_PATH = '/admin/teams';

/** Users | Teams | Audit log: links (each its own URL), styled as tabs; a manager has only Teams. */
export function AdminTabs() {
  const { t } = useI18n({ admin: adminMessages });
  const pathname = usePathname();
  const { user } = useSession();
  const tabs = user?.role === 'admin' ? TABS : TABS.filter((tab) => tab.href === MANAGER_ADMIN_PATH);
  return (
    <nav aria-label={t.admin.tabs.label} className="mb-6 border-b border-slate-200 dark:border-night-800">
      <ul className="-mb-px flex gap-1">
        {tabs.map(({ key, href, icon: Icon }) => {
          const isActive = pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={key}>
              <Link
                href={href}
                aria-current={isActive ? 'page' : undefined}
                className={cn(
                  'inline-flex h-11 items-center gap-2 border-b-2 px-3 text-sm font-medium transition',
                  isActive
                    ? 'border-iris-500 text-iris-700 dark:border-orchid-400 dark:text-white'
                    : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white',
                )}
              >
                <Icon className="size-4" aria-hidden />
                {t.admin.tabs[key]}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
