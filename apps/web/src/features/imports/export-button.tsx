'use client';

import { useState } from 'react';
import { Download } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { useI18n } from '@/lib/i18n';
import type { ExportFilters } from './imports.api';
import * as importExportMessages from '@/lib/i18n/messages/import-export';

/**
 * Downloads the calls matching the current filters as CSV (GET /calls/export: same filters as the
 * list, every page). Pass the list's API query, e.g. `toApiQuery(filters)`; paging is ignored. The
 * imports' API module loads on the click, not with the page.
 */
export function ExportButton({ filters }: { filters?: ExportFilters }) {
  const { t } = useI18n({ importExport: importExportMessages });
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  return (
    <>
      <Button
        variant="secondary"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setFailed(false);
          try {
            const { downloadExport } = await import('./imports.api');
            await downloadExport(filters);
          } catch {
            setFailed(true);
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? <Spinner /> : <Download className="size-4" aria-hidden />}
        {busy ? t.importExport.export.working : t.importExport.export.label}
      </Button>
      {failed ? (
        <span role="alert" className="text-sm text-rose-700 dark:text-rose-300">
          {t.importExport.export.failed}
        </span>
      ) : null}
    </>
  );
}
