'use client';

import Link from 'next/link';
import { ChartNoAxesCombined } from 'lucide-react';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageIntro } from '@/components/ui/page-intro';
import { useI18n } from '@/lib/i18n';

export function DashboardPage() {
  const { t } = useI18n();
  const copy = t.pages.dashboard;
  return (
    <>
      <PageIntro>{copy.description}</PageIntro>
      <EmptyState
        icon={ChartNoAxesCombined}
        title={copy.emptyTitle}
        action={
          <Link href="/calls" className={buttonClasses('secondary')}>
            {copy.emptyAction}
          </Link>
        }
      >
        {copy.emptyBody}
      </EmptyState>
    </>
  );
}
