'use client';

import { LoadError } from '@/components/query-state';
import { useI18n } from '@/lib/i18n';

/** A page of the shell failed to render: keep the shell, offer to try again. */
export default function AppError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const { t } = useI18n();
  return <LoadError message={t.common.pageError} onRetry={reset} />;
}
