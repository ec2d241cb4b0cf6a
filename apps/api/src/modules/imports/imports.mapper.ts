import { IMPORT_ISSUES_SHOWN, type Import, type ImportDetail, type ImportRowIssue } from '@ct/contracts';
import type { ImportOptions, ImportSummaryRow } from './imports.repository.ts';
import type { StoredRowError } from './import-pipeline.ts';
import type { UserContext } from '../users/index.ts';

export function optionsOf(row: Pick<ImportSummaryRow, 'options'>): ImportOptions {
  const options = row.options as Partial<ImportOptions>;
  return { ...options, dedupe: options.dedupe === 'update' ? 'update' : 'skip' };
}

export function mapImport(row: ImportSummaryRow, liveProcessedRows?: number): Import {
  const options = optionsOf(row);
  return {
    id: row.id,
    filename: row.filename,
    status: row.status,
    encoding: row.encoding,
    delimiter: row.delimiter,
    mapping: row.mapping as Import['mapping'],
    dedupe: options.dedupe,
    totalRows: row.totalRows,
    processedRows: Math.max(row.processedRows, liveProcessedRows ?? 0),
    counts: {
      created: row.createdCount,
      updated: row.updatedCount,
      skipped: row.skippedCount,
      failed: row.failedCount,
    },
    failure: options.failure ?? null,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    revertedAt: row.revertedAt?.toISOString() ?? null,
  };
}

/** Stored rejected rows → one issue per problem, the first IMPORT_ISSUES_SHOWN. */
export function flattenRowErrors(rows: readonly StoredRowError[]): ImportRowIssue[] {
  const out: ImportRowIssue[] = [];
  for (const row of rows) {
    for (const issue of row.issues) {
      if (out.length >= IMPORT_ISSUES_SHOWN) return out;
      out.push({ ...issue, line: row.line });
    }
  }
  return out;
}

export function mapImportDetail(
  row: ImportSummaryRow,
  rowErrors: readonly StoredRowError[],
  liveProcessedRows?: number,
): ImportDetail {
  const options = optionsOf(row);
  return {
    ...mapImport(row, liveProcessedRows),
    errors: flattenRowErrors(rowErrors),
    duplicates: (options.duplicates ?? []) as ImportRowIssue[],
  };
}

/** The importer's language, zone, formats, phone region and default reminder slot, from their context. */
export type Importer = Pick<UserContext, 'language' | 'timezone' | 'dateFormat' | 'timeFormat'> & {
  phoneRegion: string;
  reminderSlot: string;
};

export function importerOf(user: UserContext): Importer {
  const { language, timezone, dateFormat, timeFormat } = user;
  const { phoneRegion, defaultReminderSlot: reminderSlot } = user.settings;
  return { language, timezone, dateFormat, timeFormat, phoneRegion, reminderSlot };
}
