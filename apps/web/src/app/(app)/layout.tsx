import type { ReactNode } from 'react';
import { SessionProvider } from '@/features/auth/session-provider';
import { NotificationProvider } from '@/features/notifications/notification-provider';
import { AppShell } from '@/features/shell/app-shell';

export default function AppLayout({ children }: { children: ReactNode }) {
  return (
    <SessionProvider>
      <NotificationProvider>
        <AppShell>{children}</AppShell>
      </NotificationProvider>
    </SessionProvider>
  );
}
