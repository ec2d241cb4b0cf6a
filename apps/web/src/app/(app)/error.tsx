'use client';

import { CircleAlert } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { useI18n } from '@/lib/i18n';

/** A page of the shell failed to render: keep the shell, offer to try again. */
export default function AppError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const { t } = useI18n();
  return (
    <Card className="flex flex-col items-center gap-4 px-6 py-12 text-center" role="alert">
      <CircleAlert className="size-8 text-rose-500" aria-hidden />
      <p className="text-sm text-slate-700 dark:text-slate-300">{t.common.pageError}</p>
      <Button variant="secondary" onClick={reset}>
        {t.common.retry}
      </Button>
    </Card>
  );
}
