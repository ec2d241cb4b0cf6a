import type { ReactNode } from 'react';
import { ToastProvider } from '@/components/ui/toast';
import { SessionProvider } from '@/features/auth/session-provider';
import { NotificationProvider } from '@/features/notifications/notification-provider';
import { AppShell } from '@/features/shell/app-shell';

export default function AppLayout({ children }: { children: ReactNode }) {
  return (
    <SessionProvider>
      <ToastProvider>
        <NotificationProvider>
          <AppShell>{children}</AppShell>
        </NotificationProvider>
      </ToastProvider>
    </SessionProvider>
  );
}
