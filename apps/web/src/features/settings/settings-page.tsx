'use client';

import { useQuery } from '@tanstack/react-query';
import { CircleAlert } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { PageIntro } from '@/components/ui/page-intro';
import { Skeleton } from '@/components/ui/skeleton';
import { useSession } from '@/features/auth/session-provider';
import { useI18n } from '@/lib/i18n';
import { userSettingsQuery } from './settings.queries';
import { SettingsForm } from './settings-form';
import { toFormValues } from './settings-form-model';
import { SecuritySection } from './security-section';

/** /settings: the profile and settings cards saved by one sticky button, then security (its own actions). */
export function SettingsPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const settings = useQuery(userSettingsQuery());
  if (!user) return null;

  return (
    <>
      <PageIntro>{t.pages.settings.description}</PageIntro>
      {settings.isPending ? (
        <div className="space-y-6" aria-busy="true">
          {[0, 1, 2].map((card) => (
            <Card key={card} className="space-y-4 p-6">
              <Skeleton className="h-5 w-40" />
              <div className="grid gap-4 sm:grid-cols-2">
                <Skeleton className="h-10" />
                <Skeleton className="h-10" />
                <Skeleton className="h-10" />
                <Skeleton className="h-10" />
              </div>
            </Card>
          ))}
        </div>
      ) : settings.isError ? (
        <Card className="flex flex-col items-center gap-4 px-6 py-12 text-center" role="alert">
          <CircleAlert className="size-8 text-rose-500" aria-hidden />
          <p className="text-sm text-slate-700 dark:text-slate-300">{t.settings.loadError}</p>
          <Button variant="secondary" onClick={() => void settings.refetch()}>
            {t.common.retry}
          </Button>
        </Card>
      ) : (
        // Built once from the loaded values; after a save the form resets itself to what the API returned.
        <SettingsForm initialValues={toFormValues(user, settings.data)} />
      )}
      <div className="mt-6">
        <SecuritySection />
      </div>
    </>
  );
}
