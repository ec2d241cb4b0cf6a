'use client';

import type { ReactNode } from 'react';
import { IMPORT_DEDUPE_MODES, IMPORT_FIELDS, type ImportField } from '@ct/contracts/constants';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { useI18n } from '@/lib/i18n';
import type { ImportPreview } from './imports.api';
import { Counts, Detected, PreviewTable, RowErrors } from './import-report';
import type { ImportFlowState } from './use-import-flow';
import * as importsMessages from '@/lib/i18n/messages/imports';

/**
 * The dry run's result: what was detected, the column mapping and the duplicate policy (editing either
 * asks for a refreshed preview before running), then the counts, the first rows and the row errors.
 */
export function ImportPreviewStep({
  flow,
  preview,
  errorBox,
}: {
  flow: ImportFlowState;
  preview: ImportPreview;
  errorBox: ReactNode;
}) {
  const { t } = useI18n({ imports: importsMessages });
  const copy = t.imports;
  const valid = preview.counts.created + preview.counts.updated;
  return (
    <div className="space-y-6" data-testid="import-preview">
      <Detected preview={preview} />
      <ColumnMapping flow={flow} headers={preview.headers} />
      <DedupeChoice flow={flow} />
      {preview.missingFields.length === 0 ? (
        <>
          <Counts counts={preview.counts} />
          <PreviewTable preview={preview} />
          <RowErrors preview={preview} />
        </>
      ) : null}
      {errorBox}
      <div className="flex flex-wrap justify-end gap-2 border-t border-slate-200 pt-4 dark:border-night-700">
        <Button variant="ghost" onClick={flow.back} disabled={flow.busy}>
          {copy.actions.back}
        </Button>
        {flow.dirty ? (
          <Button variant="secondary" onClick={() => void flow.refresh()} disabled={flow.busy}>
            {flow.busy ? <Spinner /> : null}
            {copy.actions.refresh}
          </Button>
        ) : null}
        <Button
          onClick={() => void flow.run()}
          disabled={flow.busy || flow.dirty || valid === 0 || preview.missingFields.length > 0}
        >
          {flow.busy ? <Spinner /> : null}
          {copy.actions.run(valid)}
        </Button>
      </div>
    </div>
  );
}

/** Each column of the file → the field it feeds, or ignored; without a phone column nothing can run. */
function ColumnMapping({ flow, headers }: { flow: ImportFlowState; headers: string[] }) {
  const { t } = useI18n({ imports: importsMessages });
  const copy = t.imports.mapping;
  return (
    <section aria-labelledby="import-mapping-title">
      <h3 id="import-mapping-title" className="mb-2 text-sm font-semibold">
        {copy.title}
      </h3>
      <div className="grid gap-2 sm:grid-cols-2">
        {headers.map((header) => (
          <label
            key={header}
            className="flex items-center justify-between gap-3 rounded-xl border border-slate-200 px-3 py-2 text-sm dark:border-night-700"
          >
            <span className="truncate font-medium" title={header}>
              {header}
            </span>
            <select
              className="h-9 rounded-lg border border-slate-300 bg-white px-2 text-sm dark:border-night-700 dark:bg-night-800"
              value={flow.mapping[header] ?? ''}
              aria-label={`${copy.field} — ${header}`}
              onChange={(event) => flow.mapColumn(header, (event.target.value || null) as ImportField | null)}
            >
              <option value="">{copy.ignore}</option>
              {IMPORT_FIELDS.map((field) => (
                <option key={field} value={field}>
                  {copy.fields[field]}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {!Object.values(flow.mapping).includes('phone') ? (
        <p className="mt-2 text-sm text-amber-700 dark:text-amber-300">{copy.missingPhone}</p>
      ) : null}
    </section>
  );
}

/** What to do with a row whose phone is already among the calls: skip it, or update that call. */
function DedupeChoice({ flow }: { flow: ImportFlowState }) {
  const { t } = useI18n({ imports: importsMessages });
  const copy = t.imports.dedupe;
  return (
    <fieldset>
      <legend className="mb-2 text-sm font-semibold">{copy.title}</legend>
      <div className="flex flex-col gap-2 sm:flex-row sm:gap-6">
        {IMPORT_DEDUPE_MODES.map((mode) => (
          <label key={mode} className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name="import-dedupe"
              value={mode}
              checked={flow.dedupe === mode}
              onChange={() => flow.chooseDedupe(mode)}
              className="mt-1"
            />
            <span>
              {copy[mode]} <span className="text-slate-500 dark:text-slate-400">— {copy[`${mode}Hint`]}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
