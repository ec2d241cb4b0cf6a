'use client';

import type { ReactNode } from 'react';
import Link from 'next/link';
import { ShieldAlert } from 'lucide-react';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { useSession } from '@/features/auth/session-provider';
import { useI18n } from '@/lib/i18n';
import { HOME_PATH } from '@/lib/safe-redirect';
import { usePathname } from 'next/navigation';
import { AdminTabs, MANAGER_ADMIN_PATH } from './admin-tabs';
import * as adminMessages from '@/lib/i18n/messages/admin';

/**
 * The admin area for admins only, but for its teams pages, which a manager reaches too (for the teams
 * they lead; the API decides what they may change). The API refuses every /admin call from anyone else
 * (403); this gate keeps a plain user from even seeing the pages, with a clear "administrators only" page.
 */
export function AdminGate({ children }: { children: ReactNode }) {
  const { t } = useI18n({ admin: adminMessages });
  const { user } = useSession();
  const pathname = usePathname();
  if (!user) return null;
  const isManagerPage =
    user.role === 'manager' && (pathname === MANAGER_ADMIN_PATH || pathname.startsWith(`${MANAGER_ADMIN_PATH}/`));
  if (user.role !== 'admin' && !isManagerPage) {
    return (
      <EmptyState
        icon={ShieldAlert}
        title={t.admin.forbidden.title}
        action={
          <Link href={HOME_PATH} className={buttonClasses('secondary')}>
            {t.common.backHome}
          </Link>
        }
      >
        {t.admin.forbidden.body}
      </EmptyState>
    );
  }
  return (
    <>
      <AdminTabs />
      {children}
    </>
  );
}
