'use client';

import Link from 'next/link';
import { CalendarCheck } from 'lucide-react';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageIntro } from '@/components/ui/page-intro';
import { useI18n } from '@/lib/i18n';

export function TodayPage() {
  const { t } = useI18n();
  const copy = t.pages.today;
  return (
    <>
      <PageIntro>{copy.description}</PageIntro>
      <EmptyState
        icon={CalendarCheck}
        title={copy.emptyTitle}
        action={
          <Link href="/calls" className={buttonClasses('primary')}>
            {copy.emptyAction}
          </Link>
        }
      >
        {copy.emptyBody}
      </EmptyState>
    </>
  );
}
