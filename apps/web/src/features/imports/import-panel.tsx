'use client';

import { type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { useI18n } from '@/lib/i18n';
import type { ImportDetail } from './imports.api';
import { DropZone } from './import-drop-zone';
import { ImportPreviewStep } from './import-preview-step';
import { Counts } from './import-report';
import { useImportFlow, type ImportFlowState } from './use-import-flow';
import * as importsMessages from '@/lib/i18n/messages/imports';

/**
 * The import dialog: drop a CSV, see what was detected and a dry-run preview with the row errors,
 * adjust the column mapping and the duplicate policy, run with a progress bar (polling
 * GET /imports/:id), then the summary with the errors report and an undo.
 */
export function ImportPanel({
  onClose,
  onImported,
}: {
  onClose: () => void;
  onImported?: ((detail: ImportDetail) => void) | undefined;
}) {
  const { t } = useI18n({ imports: importsMessages });
  return (
    <Dialog
      open
      onClose={onClose}
      title={t.imports.title}
      description={t.imports.description}
      closeLabel={t.ui.close}
      size="lg"
      isDismissable={false}
    >
      <ImportFlow onClose={onClose} onImported={onImported} />
    </Dialog>
  );
}

/** The step on screen; the flow (state and requests) is useImportFlow's. */
function ImportFlow({
  onClose,
  onImported,
}: {
  onClose: () => void;
  onImported?: ((detail: ImportDetail) => void) | undefined;
}) {
  const flow = useImportFlow(onImported);
  const errorBox = flow.error ? (
    <p
      role="alert"
      className="mt-4 rounded-xl bg-rose-50 px-4 py-3 text-sm text-rose-800 dark:bg-rose-500/15 dark:text-rose-200"
    >
      {flow.error}
    </p>
  ) : null;

  if (flow.step === 'pick') {
    return (
      <div>
        <DropZone busy={flow.busy} onFile={flow.choose} />
        {errorBox}
      </div>
    );
  }
  if (flow.step === 'preview' && flow.preview && flow.file) {
    return <ImportPreviewStep flow={flow} preview={flow.preview} errorBox={errorBox} />;
  }
  if (flow.step === 'running' && flow.detail) return <ImportProgress detail={flow.detail} />;
  return <ImportSummary flow={flow} errorBox={errorBox} onClose={onClose} />;
}

/** The run in the background: rows done out of the file's rows. */
function ImportProgress({ detail }: { detail: ImportDetail }) {
  const { t } = useI18n({ imports: importsMessages });
  const copy = t.imports.running;
  const total = Math.max(detail.totalRows, 1);
  const percent = Math.round((detail.processedRows / total) * 100);
  return (
    <div className="space-y-3 py-4" aria-live="polite">
      <p className="font-semibold">{copy.title}</p>
      <div
        role="progressbar"
        aria-label={copy.label}
        aria-valuemin={0}
        aria-valuemax={detail.totalRows}
        aria-valuenow={detail.processedRows}
        className="h-3 overflow-hidden rounded-full bg-slate-200 dark:bg-night-800"
      >
        <div
          className="h-full rounded-full bg-linear-to-r from-orchid-600 to-iris-600 transition-[width]"
          style={{ width: `${percent}%` }}
        />
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        {copy.progress(detail.processedRows, detail.totalRows)}
      </p>
    </div>
  );
}

/** What the run did, the errors report, and the undo (until it is used). */
function ImportSummary({
  flow,
  errorBox,
  onClose,
}: {
  flow: ImportFlowState;
  errorBox: ReactNode;
  onClose: () => void;
}) {
  const { t } = useI18n({ imports: importsMessages });
  const copy = t.imports;
  const { detail, revert } = flow;
  return (
    <div className="space-y-4" data-testid="import-summary">
      <p className="text-lg font-semibold">{detail?.status === 'failed' ? copy.summary.failed : copy.summary.title}</p>
      {flow.replayed ? <p className="text-sm text-slate-600 dark:text-slate-300">{copy.summary.replayed}</p> : null}
      {detail?.failure ? <p className="text-sm text-rose-700 dark:text-rose-300">{detail.failure}</p> : null}
      {detail ? <Counts counts={detail.counts} /> : null}
      {revert ? (
        <p
          role="status"
          className="rounded-xl bg-emerald-50 px-4 py-3 text-sm text-emerald-800 dark:bg-emerald-500/15 dark:text-emerald-200"
        >
          {copy.summary.reverted(revert.reverted, revert.keptEdited.length)}
        </p>
      ) : null}
      {errorBox}
      <div className="flex flex-wrap justify-end gap-2 border-t border-slate-200 pt-4 dark:border-night-700">
        {detail && detail.counts.failed > 0 ? (
          <Button variant="secondary" onClick={() => void flow.downloadErrors(detail.id)}>
            {copy.actions.downloadErrors}
          </Button>
        ) : null}
        {detail?.status === 'completed' && !revert ? (
          <Button variant="danger" onClick={() => void flow.undo()} disabled={flow.busy}>
            {flow.busy ? copy.actions.reverting : copy.actions.revert}
          </Button>
        ) : null}
        <Button onClick={onClose}>{copy.actions.done}</Button>
      </div>
    </div>
  );
}
