'use client';

import { CALL_STATUS_LABELS } from '@ct/contracts/enums';
import { cn } from '@/lib/cn';
import { useI18n } from '@/lib/i18n';
import type { ImportPreview } from './imports.api';
import * as importsMessages from '@/lib/i18n/messages/imports';

/** The rejected rows listed in the dialog; the errors report (CSV) has them all. */
const ERRORS_SHOWN = 50;

/** What was detected in the file: its name, encoding, delimiter and row count. */
export function Detected({ preview }: { preview: ImportPreview }) {
  const { t } = useI18n({ imports: importsMessages });
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

/** Created, updated, skipped and failed rows: what a run would do (preview) or did (summary). */
export function Counts({ counts }: { counts: ImportPreview['counts'] }) {
  const { t } = useI18n({ imports: importsMessages });
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

/** The first rows of the file, each with the call it would make and what the run would do with it. */
export function PreviewTable({ preview }: { preview: ImportPreview }) {
  const { t, language } = useI18n({ imports: importsMessages });
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

/** The rejected rows, by line and column, with the reason. */
export function RowErrors({ preview }: { preview: ImportPreview }) {
  const { t } = useI18n({ imports: importsMessages });
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
