'use client';

import { useState } from 'react';
import dynamic from 'next/dynamic';
import { Upload } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { useI18n } from '@/lib/i18n';
import type { ImportDetail } from './imports.api';
import * as importExportMessages from '@/lib/i18n/messages/import-export';

// The dialog and its steps load when it is first opened (or pointed at), not with the page.
const loadPanel = () => import('./import-panel');
const ImportPanel = dynamic(() => loadPanel().then((module) => module.ImportPanel), { ssr: false });

/** "Importer" button and its dialog (`import-panel.tsx`). */
export function ImportDialog({ onImported }: { onImported?: (detail: ImportDetail) => void }) {
  const { t } = useI18n({ importExport: importExportMessages });
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant="secondary"
        onClick={() => setOpen(true)}
        onPointerEnter={() => void loadPanel()}
        onFocus={() => void loadPanel()}
      >
        <Upload className="size-4" aria-hidden />
        {t.importExport.open}
      </Button>
      {open ? <ImportPanel onClose={() => setOpen(false)} onImported={onImported} /> : null}
    </>
  );
}
