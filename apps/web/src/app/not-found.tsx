import Link from 'next/link';
import { Compass } from 'lucide-react';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { dictionaries, DEFAULT_LANGUAGE } from '@/lib/i18n/dictionaries';
import { HOME_PATH } from '@/lib/safe-redirect';

export default function NotFound() {
  const t = dictionaries[DEFAULT_LANGUAGE].common;
  return (
    <main className="mx-auto flex min-h-dvh max-w-xl flex-col justify-center px-5 py-12">
      <EmptyState
        icon={Compass}
        title={t.notFoundTitle}
        action={
          <Link href={HOME_PATH} className={buttonClasses('primary')}>
            {t.backHome}
          </Link>
        }
      >
        {t.notFoundBody}
      </EmptyState>
    </main>
  );
}
