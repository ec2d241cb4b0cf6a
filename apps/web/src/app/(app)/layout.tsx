import type { ReactNode } from 'react';
import { HydrationBoundary } from '@tanstack/react-query';
import { ToastProvider } from '@/components/ui/toast';
import { shellQueries } from '@/features/auth/auth.queries';
import { SessionProvider } from '@/features/auth/session-provider';
import { NotificationProvider } from '@/features/notifications/notification-provider';
import { AppShell } from '@/features/shell/app-shell';
import { shellNavQueries } from '@/features/shell/shell.queries';
import { prefetchOnServer } from '@/lib/api/server-prefetch';
import { RenderedAtProvider } from '@/lib/use-now';

/** A server component renders once per request: this is that request's instant. */
const requestInstant = () => Date.now();

export default async function AppLayout({ children }: { children: ReactNode }) {
  // The shell renders a page only once it knows the user: with GET /me answered on the server, the
  // page is in the HTML instead of waiting for hydration, then /me, then its own data.
  const state = await prefetchOnServer([...shellQueries(), ...shellNavQueries()]);
  // Times shown relative to now ("dans 2 min") hydrate against the instant the server rendered.
  const renderedAt = requestInstant();
  return (
    <RenderedAtProvider at={renderedAt}>
      <HydrationBoundary state={state}>
        <SessionProvider>
          <ToastProvider>
            <NotificationProvider>
              <AppShell>{children}</AppShell>
            </NotificationProvider>
          </ToastProvider>
        </SessionProvider>
      </HydrationBoundary>
    </RenderedAtProvider>
  );
}
