'use client';

import { useState, type DragEvent } from 'react';
import { FileUp } from 'lucide-react';
import { Spinner } from '@/components/ui/spinner';
import { cn } from '@/lib/cn';
import { useI18n } from '@/lib/i18n';
import * as importsMessages from '@/lib/i18n/messages/imports';

/** The first step: drop a CSV on the zone, or pick one (the whole zone is the file input's label). */
export function DropZone({ busy, onFile }: { busy: boolean; onFile: (file: File | undefined) => void }) {
  const { t } = useI18n({ imports: importsMessages });
  const copy = t.imports.drop;
  const [over, setOver] = useState(false);
  const onDrop = (event: DragEvent<HTMLLabelElement>) => {
    event.preventDefault();
    setOver(false);
    onFile(event.dataTransfer.files[0]);
  };
  return (
    <label
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      className={cn(
        'flex cursor-pointer flex-col items-center justify-center gap-2 rounded-2xl border-2 border-dashed px-6 py-12 text-center transition',
        over
          ? 'border-iris-500 bg-iris-50 dark:bg-iris-500/10'
          : 'border-slate-300 hover:border-iris-400 dark:border-night-700',
      )}
    >
      {busy ? <Spinner /> : <FileUp className="size-8 text-iris-500" aria-hidden />}
      <span className="font-semibold">{busy ? copy.reading : copy.label}</span>
      {!busy ? (
        <span className="text-sm text-slate-600 dark:text-slate-300">
          {copy.or} <span className="font-semibold text-iris-700 underline dark:text-iris-300">{copy.browse}</span>
        </span>
      ) : null}
      <span className="text-xs text-slate-500 dark:text-slate-400">{copy.hint}</span>
      <input
        type="file"
        accept=".csv,.tsv,.txt,text/csv,text/plain"
        className="sr-only"
        data-testid="import-file"
        disabled={busy}
        onChange={(event) => {
          onFile(event.target.files?.[0]);
          event.target.value = '';
        }}
      />
    </label>
  );
}
