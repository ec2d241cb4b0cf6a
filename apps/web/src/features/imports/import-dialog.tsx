'use client';

import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { FileUp, Upload } from 'lucide-react';
import { IMPORT_DEDUPE_MODES, IMPORT_FIELDS, type ImportDedupeMode, type ImportField } from '@ct/contracts/constants';
import { CALL_STATUS_LABELS } from '@ct/contracts/enums';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Spinner } from '@/components/ui/spinner';
import { ApiError } from '@/lib/api';
import { cn } from '@/lib/cn';
import { useI18n } from '@/lib/i18n';
import {
  downloadImportErrors,
  fetchImport,
  previewImport,
  revertImport,
  startImport,
  type ImportDetail,
  type ImportPreview,
  type ImportRevert,
} from './imports.api';

type Step = 'pick' | 'preview' | 'running' | 'summary';
const ERRORS_SHOWN = 50;
const POLL_MS = 400;

/**
 * "Importer" button and its dialog: drop a CSV, see what was detected and a dry-run preview with the
 * row errors, adjust the column mapping and the duplicate policy, run with a progress bar (polling
 * GET /imports/:id), then the summary with the errors report and an undo.
 */
export function ImportDialog({ onImported }: { onImported?: (detail: ImportDetail) => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        <Upload className="size-4" aria-hidden />
        {t.imports.open}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={t.imports.title}
        description={t.imports.description}
        closeLabel={t.ui.close}
        size="lg"
        isDismissable={false}
      >
        <ImportFlow onClose={() => setOpen(false)} onImported={onImported} />
      </Dialog>
    </>
  );
}

function ImportFlow({
  onClose,
  onImported,
}: {
  onClose: () => void;
  onImported?: ((detail: ImportDetail) => void) | undefined;
}) {
  const { t } = useI18n();
  const copy = t.imports;
  const queryClient = useQueryClient();
  const [step, setStep] = useState<Step>('pick');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Record<string, ImportField | null>>({});
  const [mappingEdited, setMappingEdited] = useState(false);
  const [dedupe, setDedupe] = useState<ImportDedupeMode>('skip');
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [detail, setDetail] = useState<ImportDetail | null>(null);
  const [replayed, setReplayed] = useState(false);
  const [revert, setRevert] = useState<ImportRevert | null>(null);
  const idempotencyKey = useRef('');
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const describe = (err: unknown) => {
    if (!(err instanceof ApiError)) return t.ui.errors.network;
    const detailText = err.problem?.detail ? ` (${err.problem.detail})` : '';
    if (err.status === 415) return `${copy.failure.notCsv}${detailText}`;
    if (err.status === 413) return `${copy.failure.tooLarge}${detailText}`;
    if (err.status === 429) return copy.failure.throttled;
    if (err.status >= 500) return t.ui.errors.server;
    return `${copy.failure.generic}${detailText}`;
  };

  async function runPreview(
    target: File,
    options: { dedupe: ImportDedupeMode; mapping?: Record<string, ImportField | null> | undefined },
  ) {
    setBusy(true);
    setError(null);
    try {
      const result = await previewImport(target, options);
      if (!alive.current) return;
      setPreview(result);
      setMapping(result.mapping as Record<string, ImportField | null>);
      setDirty(false);
      setStep('preview');
    } catch (err) {
      if (alive.current) setError(describe(err));
    } finally {
      if (alive.current) setBusy(false);
    }
  }

  function choose(selected: File | undefined) {
    if (!selected) return;
    setFile(selected);
    setMappingEdited(false);
    setDedupe('skip');
    idempotencyKey.current = crypto.randomUUID();
    void runPreview(selected, { dedupe: 'skip' });
  }

  async function run() {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const started = await startImport(
        file,
        { dedupe, mapping: mappingEdited ? mapping : undefined },
        idempotencyKey.current,
      );
      setReplayed(started.replayed);
      let current = started.detail;
      setDetail(current);
      setStep('running');
      while (current.status === 'running' && alive.current) {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        current = await fetchImport(current.id);
        if (alive.current) setDetail(current);
      }
      if (!alive.current) return;
      setStep('summary');
      if (current.status === 'completed') {
        await queryClient.invalidateQueries({ queryKey: ['calls'] });
        onImported?.(current);
      }
    } catch (err) {
      if (alive.current) {
        setError(describe(err));
        setStep((s) => (s === 'running' ? 'summary' : s));
      }
    } finally {
      if (alive.current) setBusy(false);
    }
  }

  async function undo() {
    if (!detail) return;
    setBusy(true);
    setError(null);
    try {
      const result = await revertImport(detail.id);
      setRevert(result);
      setDetail({ ...detail, ...result.import });
      await queryClient.invalidateQueries({ queryKey: ['calls'] });
    } catch (err) {
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  }

  const errorBox = error ? (
    <p
      role="alert"
      className="mt-4 rounded-xl bg-rose-50 px-4 py-3 text-sm text-rose-800 dark:bg-rose-500/15 dark:text-rose-200"
    >
      {error}
    </p>
  ) : null;

  if (step === 'pick') {
    return (
      <div>
        <DropZone busy={busy} onFile={choose} />
        {errorBox}
      </div>
    );
  }

  if (step === 'preview' && preview && file) {
    const valid = preview.counts.created + preview.counts.updated;
    return (
      <div className="space-y-6" data-testid="import-preview">
        <Detected preview={preview} />
        <section aria-labelledby="import-mapping-title">
          <h3 id="import-mapping-title" className="mb-2 text-sm font-semibold">
            {copy.mapping.title}
          </h3>
          <div className="grid gap-2 sm:grid-cols-2">
            {preview.headers.map((header) => (
              <label
                key={header}
                className="flex items-center justify-between gap-3 rounded-xl border border-slate-200 px-3 py-2 text-sm dark:border-night-700"
              >
                <span className="truncate font-medium" title={header}>
                  {header}
                </span>
                <select
                  className="h-9 rounded-lg border border-slate-300 bg-white px-2 text-sm dark:border-night-700 dark:bg-night-800"
                  value={mapping[header] ?? ''}
                  aria-label={`${copy.mapping.field} — ${header}`}
                  onChange={(event) => {
                    const value = (event.target.value || null) as ImportField | null;
                    // One column per field: taking a field away from another column leaves that one ignored.
                    const next = Object.fromEntries(
                      Object.entries(mapping).map(([h, f]) => [h, value && f === value ? null : f]),
                    );
                    setMapping({ ...next, [header]: value });
                    setMappingEdited(true);
                    setDirty(true);
                  }}
                >
                  <option value="">{copy.mapping.ignore}</option>
                  {IMPORT_FIELDS.map((field) => (
                    <option key={field} value={field}>
                      {copy.mapping.fields[field]}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          {!Object.values(mapping).includes('phone') ? (
            <p className="mt-2 text-sm text-amber-700 dark:text-amber-300">{copy.mapping.missingPhone}</p>
          ) : null}
        </section>

        <fieldset>
          <legend className="mb-2 text-sm font-semibold">{copy.dedupe.title}</legend>
          <div className="flex flex-col gap-2 sm:flex-row sm:gap-6">
            {IMPORT_DEDUPE_MODES.map((mode) => (
              <label key={mode} className="flex items-start gap-2 text-sm">
                <input
                  type="radio"
                  name="import-dedupe"
                  value={mode}
                  checked={dedupe === mode}
                  onChange={() => {
                    setDedupe(mode);
                    setDirty(true);
                  }}
                  className="mt-1"
                />
                <span>
                  {copy.dedupe[mode]}{' '}
                  <span className="text-slate-500 dark:text-slate-400">— {copy.dedupe[`${mode}Hint`]}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>

        {preview.missingFields.length === 0 ? (
          <>
            <Counts counts={preview.counts} />
            <PreviewTable preview={preview} />
            <RowErrors preview={preview} />
          </>
        ) : null}
        {errorBox}
        <div className="flex flex-wrap justify-end gap-2 border-t border-slate-200 pt-4 dark:border-night-700">
          <Button variant="ghost" onClick={() => setStep('pick')} disabled={busy}>
            {copy.actions.back}
          </Button>
          {dirty ? (
            <Button
              variant="secondary"
              onClick={() => void runPreview(file, { dedupe, mapping: mappingEdited ? mapping : undefined })}
              disabled={busy}
            >
              {busy ? <Spinner /> : null}
              {copy.actions.refresh}
            </Button>
          ) : null}
          <Button
            onClick={() => void run()}
            disabled={busy || dirty || valid === 0 || preview.missingFields.length > 0}
          >
            {busy ? <Spinner /> : null}
            {copy.actions.run(valid)}
          </Button>
        </div>
      </div>
    );
  }

  if (step === 'running' && detail) {
    const total = Math.max(detail.totalRows, 1);
    const percent = Math.round((detail.processedRows / total) * 100);
    return (
      <div className="space-y-3 py-4" aria-live="polite">
        <p className="font-semibold">{copy.running.title}</p>
        <div
          role="progressbar"
          aria-label={copy.running.label}
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
          {copy.running.progress(detail.processedRows, detail.totalRows)}
        </p>
      </div>
    );
  }

  // Summary.
  return (
    <div className="space-y-4" data-testid="import-summary">
      <p className="text-lg font-semibold">{detail?.status === 'failed' ? copy.summary.failed : copy.summary.title}</p>
      {replayed ? <p className="text-sm text-slate-600 dark:text-slate-300">{copy.summary.replayed}</p> : null}
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
          <Button
            variant="secondary"
            onClick={() => void downloadImportErrors(detail.id).catch((err: unknown) => setError(describe(err)))}
          >
            {copy.actions.downloadErrors}
          </Button>
        ) : null}
        {detail?.status === 'completed' && !revert ? (
          <Button variant="danger" onClick={() => void undo()} disabled={busy}>
            {busy ? copy.actions.reverting : copy.actions.revert}
          </Button>
        ) : null}
        <Button onClick={onClose}>{copy.actions.done}</Button>
      </div>
    </div>
  );
}

function DropZone({ busy, onFile }: { busy: boolean; onFile: (file: File | undefined) => void }) {
  const { t } = useI18n();
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

function Detected({ preview }: { preview: ImportPreview }) {
  const { t } = useI18n();
  const copy = t.imports.detected;
  const items = [
    [copy.file, preview.filename],
    [copy.encoding, preview.encoding.toUpperCase()],
    [copy.delimiter, copy.delimiters[preview.delimiter] ?? preview.delimiter],
    [copy.rows, preview.totalRows.toLocaleString()],
  ];
  return (
    <dl
      className="grid grid-cols-2 gap-3 rounded-xl bg-slate-50 p-4 text-sm sm:grid-cols-4 dark:bg-night-800"
      aria-label={copy.title}
    >
      {items.map(([label, value]) => (
        <div key={label}>
          <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
          <dd className="truncate font-semibold" title={value}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Counts({ counts }: { counts: ImportPreview['counts'] }) {
  const { t } = useI18n();
  const tones = {
    created: 'text-emerald-700 dark:text-emerald-300',
    updated: 'text-iris-700 dark:text-iris-300',
    skipped: 'text-slate-600 dark:text-slate-300',
    failed: 'text-rose-700 dark:text-rose-300',
  };
  return (
    <ul className="flex flex-wrap gap-4 text-sm" data-testid="import-counts">
      {(['created', 'updated', 'skipped', 'failed'] as const).map((key) => (
        <li key={key}>
          <span className={cn('text-lg font-bold', tones[key])}>{counts[key].toLocaleString()}</span>{' '}
          {t.imports.counts[key]}
        </li>
      ))}
    </ul>
  );
}

function PreviewTable({ preview }: { preview: ImportPreview }) {
  const { t, language } = useI18n();
  const copy = t.imports.preview;
  const tones = {
    create: 'text-emerald-700 dark:text-emerald-300',
    update: 'text-iris-700 dark:text-iris-300',
    skip: 'text-slate-500',
    error: 'text-rose-700 dark:text-rose-300',
  };
  return (
    <div className="max-h-72 overflow-auto rounded-xl border border-slate-200 dark:border-night-700">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{copy.title}</caption>
        <thead className="sticky top-0 bg-slate-50 text-xs uppercase text-slate-500 dark:bg-night-800 dark:text-slate-400">
          <tr>
            <th className="px-3 py-2">{copy.line}</th>
            <th className="px-3 py-2">{copy.contact}</th>
            <th className="px-3 py-2">{copy.phone}</th>
            <th className="px-3 py-2">{copy.status}</th>
            <th className="px-3 py-2">{copy.action}</th>
          </tr>
        </thead>
        <tbody>
          {preview.preview.map((row) => (
            <tr key={row.line} className="border-t border-slate-100 dark:border-night-800">
              <td className="px-3 py-2 tabular-nums text-slate-500">{row.line}</td>
              <td className="px-3 py-2">
                {row.call ? `${row.call.firstName} ${row.call.lastName}`.trim() : row.cells.slice(0, 2).join(' ')}
              </td>
              <td className="px-3 py-2 tabular-nums">{row.call?.phoneE164 ?? ''}</td>
              <td className="px-3 py-2">{row.call ? CALL_STATUS_LABELS[row.call.status][language] : ''}</td>
              <td
                className={cn('px-3 py-2 font-medium', tones[row.action])}
                title={row.issues.map((i) => i.message).join('\n') || undefined}
              >
                {copy.actions[row.action]}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RowErrors({ preview }: { preview: ImportPreview }) {
  const { t } = useI18n();
  const copy = t.imports.errors;
  if (preview.errorCount === 0) return <p className="text-sm text-emerald-700 dark:text-emerald-300">{copy.none}</p>;
  const shown = preview.errors.slice(0, ERRORS_SHOWN);
  return (
    <section aria-labelledby="import-errors-title">
      <h3 id="import-errors-title" className="mb-2 text-sm font-semibold text-rose-700 dark:text-rose-300">
        {copy.title} ({preview.errorCount.toLocaleString()})
      </h3>
      <ul className="max-h-48 space-y-1 overflow-auto text-sm" data-testid="import-errors">
        {shown.map((issue, i) => (
          <li key={`${issue.line}-${i}`}>
            <span className="font-semibold tabular-nums">
              {t.imports.preview.line} {issue.line}
            </span>
            {issue.column ? <span className="text-slate-500"> · {issue.column}</span> : null} — {issue.message}
          </li>
        ))}
      </ul>
      {preview.errorCount > shown.length ? (
        <p className="mt-1 text-xs text-slate-500">{copy.more(preview.errorCount - shown.length)}</p>
      ) : null}
    </section>
  );
}
