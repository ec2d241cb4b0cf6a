'use client';

import { useQuery } from '@tanstack/react-query';
import { QueryState } from '@/components/query-state';
import { Card } from '@/components/ui/card';
import { PageIntro } from '@/components/ui/page-intro';
import { Skeleton } from '@/components/ui/skeleton';
import { useSession } from '@/features/auth/session-provider';
import { useI18n } from '@/lib/i18n';
import { userSettingsQuery } from './settings.queries';
import { SettingsForm } from './settings-form';
import { toFormValues } from './settings-form-model';
import { SecuritySection } from './security-section';
import * as settingsMessages from '@/lib/i18n/messages/settings';

/** /settings: the profile and settings cards saved by one sticky button, then security (its own actions). */
export function SettingsPage() {
  const { t } = useI18n({ settings: settingsMessages });
  const { user } = useSession();
  const settings = useQuery(userSettingsQuery());
  if (!user) return null;

  return (
    <>
      <PageIntro>{t.pages.settings.description}</PageIntro>
      {/* The form is built once from the loaded values; after a save it resets itself to what the API returned. */}
      <QueryState
        query={settings}
        errorMessage={t.settings.loadError}
        loading={
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
        }
      >
        {(loaded) => <SettingsForm initialValues={toFormValues(user, loaded)} />}
      </QueryState>
      <div className="mt-6">
        <SecuritySection />
      </div>
    </>
  );
}
