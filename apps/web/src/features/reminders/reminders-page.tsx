'use client';

import { AlarmClock } from 'lucide-react';
import { EmptyState } from '@/components/ui/empty-state';
import { PageIntro } from '@/components/ui/page-intro';
import { useI18n } from '@/lib/i18n';

export function RemindersPage() {
  const { t } = useI18n();
  const copy = t.pages.reminders;
  return (
    <>
      <PageIntro>{copy.description}</PageIntro>
      <EmptyState icon={AlarmClock} title={copy.emptyTitle}>
        {copy.emptyBody}
      </EmptyState>
    </>
  );
}
