'use client';

import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ImportDedupeMode, ImportField } from '@ct/contracts/constants';
import { ApiError } from '@/lib/api';
import { QUERY_ROOTS } from '@/lib/api/query-keys';
import { useI18n, type Messages } from '@/lib/i18n';
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
import * as importsMessages from '@/lib/i18n/messages/imports';

export type ImportStep = 'pick' | 'preview' | 'running' | 'summary';
export type ImportMapping = Record<string, ImportField | null>;
const POLL_MS = 400;

/** One sentence for a failed upload, preview, run or undo (the API's detail appended when it has one). */
function describeImportError(error: unknown, t: Messages<{ imports: typeof importsMessages }>): string {
  const copy = t.imports.failure;
  if (!(error instanceof ApiError)) return t.ui.errors.network;
  const detailText = error.problem?.detail ? ` (${error.problem.detail})` : '';
  if (error.status === 415) return `${copy.notCsv}${detailText}`;
  if (error.status === 413) return `${copy.tooLarge}${detailText}`;
  if (error.status === 429) return copy.throttled;
  if (error.status >= 500) return t.ui.errors.server;
  return `${copy.generic}${detailText}`;
}

/**
 * The import's steps and what moves between them: a file is chosen → its dry-run preview; the mapping
 * or the duplicate policy edited → the preview is stale until refreshed; run → progress (polling
 * GET /imports/:id) → summary, where the import can be undone. One Idempotency-Key per chosen file, so
 * a double click or a retried request imports once. Nothing is set after the dialog has closed.
 */
export function useImportFlow(onImported: ((detail: ImportDetail) => void) | undefined) {
  const { t } = useI18n({ imports: importsMessages });
  const queryClient = useQueryClient();
  const [step, setStep] = useState<ImportStep>('pick');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
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

  const fail = (err: unknown) => setError(describeImportError(err, t));
  const options = () => ({ dedupe, mapping: mappingEdited ? mapping : undefined });

  async function runPreview(target: File, previewOptions: { dedupe: ImportDedupeMode; mapping?: ImportMapping }) {
    setBusy(true);
    setError(null);
    try {
      const result = await previewImport(target, previewOptions);
      if (!alive.current) return;
      setPreview(result);
      setMapping(result.mapping as ImportMapping);
      setDirty(false);
      setStep('preview');
    } catch (err) {
      if (alive.current) fail(err);
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

  /** One column per field: taking a field away from another column leaves that one ignored. */
  function mapColumn(header: string, field: ImportField | null) {
    const next = Object.fromEntries(Object.entries(mapping).map(([h, f]) => [h, field && f === field ? null : f]));
    setMapping({ ...next, [header]: field });
    setMappingEdited(true);
    setDirty(true);
  }

  function chooseDedupe(mode: ImportDedupeMode) {
    setDedupe(mode);
    setDirty(true);
  }

  async function run() {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const started = await startImport(file, options(), idempotencyKey.current);
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
        await queryClient.invalidateQueries({ queryKey: QUERY_ROOTS.calls });
        onImported?.(current);
      }
    } catch (err) {
      if (alive.current) {
        fail(err);
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
      await queryClient.invalidateQueries({ queryKey: QUERY_ROOTS.calls });
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  return {
    step,
    file,
    preview,
    mapping,
    dedupe,
    /** The mapping or the duplicate policy changed since the preview: refresh it before running. */
    dirty,
    busy,
    error,
    detail,
    replayed,
    revert,
    choose,
    mapColumn,
    chooseDedupe,
    refresh: () => (file ? runPreview(file, options()) : Promise.resolve()),
    back: () => setStep('pick'),
    run,
    undo,
    downloadErrors: (id: string) => downloadImportErrors(id).catch(fail),
  };
}

export type ImportFlowState = ReturnType<typeof useImportFlow>;
