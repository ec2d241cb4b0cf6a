'use client';

import { PhoneCall } from 'lucide-react';
import { EmptyState } from '@/components/ui/empty-state';
import { PageIntro } from '@/components/ui/page-intro';
import { useI18n } from '@/lib/i18n';

export function CallsPage() {
  const { t } = useI18n();
  const copy = t.pages.calls;
  return (
    <>
      <PageIntro>{copy.description}</PageIntro>
      <EmptyState icon={PhoneCall} title={copy.emptyTitle}>
        {copy.emptyBody}
      </EmptyState>
    </>
  );
}
