import { z } from 'zod';
import { isoDateTimeSchema } from './common.ts';
import { CALL_STATUSES, CALL_TYPES } from './enums.ts';
import { callListQuerySchema } from './calls.ts';
import { IMPORT_DEDUPE_MODES, IMPORT_FIELDS } from './constants.ts';

export const IMPORT_STATUSES = ['running', 'completed', 'failed', 'reverted'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const IMPORT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'iso-8859-1'] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];

export const IMPORT_DELIMITERS = [',', ';', '\t'] as const;
export type ImportDelimiter = (typeof IMPORT_DELIMITERS)[number];

/**
 * Column header (as it appears in the file) → field, or `null` to ignore that column. Headers not
 * named keep their guessed field; an explicit mapping wins over the guess.
 */
export const importMappingSchema = z
  .record(z.string().max(200), z.enum(IMPORT_FIELDS).nullable())
  .refine((m) => Object.keys(m).length <= 200, 'At most 200 columns')
  .meta({ id: 'ImportMapping' });
export type ImportMapping = z.infer<typeof importMappingSchema>;

/** The mapping sent as a text field or query parameter: JSON of `ImportMapping`. */
export const importMappingParamSchema = z
  .string()
  .max(20_000)
  .transform((text, ctx) => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'mapping must be JSON: {"Header": "phone", "Other": null}' });
      return z.NEVER;
    }
    const parsed = importMappingSchema.safeParse(value);
    if (!parsed.success) {
      ctx.addIssue({
        code: 'custom',
        message: `mapping: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
      });
      return z.NEVER;
    }
    return parsed.data;
  });

const booleanParam = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');

/** Options of `POST /calls/import`, as query parameters (the same names work as multipart fields). */
export const importQuerySchema = z.object({
  /** Analyse and validate, write nothing. */
  dryRun: booleanParam,
  /** What to do with a row whose phone is already among the user's calls (or earlier in the file). */
  dedupe: z.enum(IMPORT_DEDUPE_MODES).optional(),
  /** JSON object header → field (or null to ignore the column). */
  mapping: importMappingParamSchema.optional(),
  /** Force the encoding instead of detecting it. */
  encoding: z.enum(IMPORT_ENCODINGS).optional(),
  /** Force the delimiter (`,` `;` or `tab`) instead of detecting it. */
  delimiter: z.enum([',', ';', 'tab']).optional(),
  /** Import straight into this team list (a lead of its team or an admin). */
  listId: z.uuid().optional(),
});
export type ImportQuery = z.infer<typeof importQuerySchema>;

/** Documentation of the multipart body (validated by the handler, which streams it). */
export const importUploadBodySchema = z
  .object({
    file: z
      .string()
      .meta({ format: 'binary', description: 'The CSV file (at most IMPORT_MAX_BYTES, IMPORT_MAX_ROWS rows)' }),
    dedupe: z.enum(IMPORT_DEDUPE_MODES).optional().meta({ description: 'skip (default) or update' }),
    mapping: z.string().optional().meta({ description: 'JSON object: column header → field, or null to ignore it' }),
    dryRun: z.enum(['true', 'false']).optional(),
    encoding: z.enum(IMPORT_ENCODINGS).optional(),
    delimiter: z.enum([',', ';', 'tab']).optional(),
    listId: z.uuid().optional().meta({ description: 'Import straight into this team list' }),
  })
  .meta({ id: 'ImportUpload', description: 'multipart/form-data; fields may come before or after the file' });

export const IMPORT_ISSUE_CODES = [
  'columns_mismatch',
  'phone_missing',
  'phone_invalid',
  'status_unknown',
  'type_unknown',
  'date_invalid',
  'date_in_future',
  'too_long',
  'invalid',
  'duplicate_in_file',
  'duplicate_existing',
] as const;
export type ImportIssueCode = (typeof IMPORT_ISSUE_CODES)[number];

/** A rejected row (or a duplicate notice). `line` is the physical line of the row in the file (header = 1). */
export const importRowIssueSchema = z
  .object({
    line: z.number().int(),
    /** The file's column header, when the problem is in one cell. */
    column: z.string().nullable(),
    field: z.enum(IMPORT_FIELDS).nullable(),
    code: z.enum(IMPORT_ISSUE_CODES),
    /** In the importer's language. */
    message: z.string(),
  })
  .meta({ id: 'ImportRowIssue' });
export type ImportRowIssue = z.infer<typeof importRowIssueSchema>;

export const importCountsSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
});
export type ImportCounts = z.infer<typeof importCountsSchema>;

export const importSchema = z
  .object({
    id: z.uuid(),
    filename: z.string(),
    status: z.enum(IMPORT_STATUSES),
    encoding: z.string().nullable(),
    delimiter: z.string().nullable(),
    mapping: z.record(z.string(), z.enum(IMPORT_FIELDS).nullable()),
    dedupe: z.enum(IMPORT_DEDUPE_MODES),
    totalRows: z.number().int(),
    /** Rows done so far: with totalRows, the progress of a running import. */
    processedRows: z.number().int(),
    counts: importCountsSchema,
    /** Why a failed import failed (nothing of it was written). */
    failure: z.string().nullable(),
    createdAt: isoDateTimeSchema,
    finishedAt: isoDateTimeSchema.nullable(),
    revertedAt: isoDateTimeSchema.nullable(),
  })
  .meta({ id: 'Import' });
export type Import = z.infer<typeof importSchema>;

export const IMPORT_ISSUES_SHOWN = 1000;

export const importDetailSchema = importSchema
  .extend({
    /** The first IMPORT_ISSUES_SHOWN rejected rows; all of them are in errors.csv. */
    errors: z.array(importRowIssueSchema),
    /** Rows skipped or merged as duplicates (first IMPORT_ISSUES_SHOWN). */
    duplicates: z.array(importRowIssueSchema),
  })
  .meta({ id: 'ImportDetail' });
export type ImportDetail = z.infer<typeof importDetailSchema>;

export const importPageSchema = z
  .object({ items: z.array(importSchema), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() })
  .meta({ id: 'ImportPage' });

export const IMPORT_PREVIEW_ROWS = 20;

export const importPreviewRowSchema = z.object({
  line: z.number().int(),
  /** The cells as read from the file. */
  cells: z.array(z.string()),
  action: z.enum(['create', 'update', 'skip', 'error']),
  /** The call this row would create or update, when valid. */
  call: z
    .object({
      firstName: z.string(),
      lastName: z.string(),
      phone: z.string(),
      phoneE164: z.string(),
      status: z.enum(CALL_STATUSES),
      type: z.enum(CALL_TYPES),
      description: z.string(),
      lastCallAt: isoDateTimeSchema.nullable(),
      nextReminderAt: isoDateTimeSchema.nullable(),
    })
    .nullable(),
  issues: z.array(importRowIssueSchema),
});

export const importPreviewSchema = z
  .object({
    dryRun: z.literal(true),
    filename: z.string(),
    encoding: z.enum(IMPORT_ENCODINGS),
    delimiter: z.enum(IMPORT_DELIMITERS),
    headers: z.array(z.string()),
    /** Every header → its field (guessed, or as sent), null when ignored. */
    mapping: z.record(z.string(), z.enum(IMPORT_FIELDS).nullable()),
    /** Required fields no column feeds (the phone): the real run would be refused. */
    missingFields: z.array(z.enum(IMPORT_FIELDS)),
    dedupe: z.enum(IMPORT_DEDUPE_MODES),
    totalRows: z.number().int(),
    /** What the real run would do, row by row counted. */
    counts: importCountsSchema,
    /** The first IMPORT_PREVIEW_ROWS data rows. */
    preview: z.array(importPreviewRowSchema),
    /** Row errors (the first IMPORT_ISSUES_SHOWN; `errorCount` has them all). */
    errors: z.array(importRowIssueSchema),
    errorCount: z.number().int(),
    duplicates: z.array(importRowIssueSchema),
  })
  .meta({ id: 'ImportPreview' });
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const importRevertSchema = z
  .object({
    import: importSchema,
    /** Calls of this import now deleted. */
    reverted: z.number().int(),
    /** Calls of this import kept because they were edited (or logged) after the import. */
    keptEdited: z.array(z.uuid()),
    /** Calls of this import that were already deleted. */
    alreadyDeleted: z.number().int(),
  })
  .meta({ id: 'ImportRevert' });
export type ImportRevert = z.infer<typeof importRevertSchema>;

export const importListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** `GET /calls/export`: the filters of `GET /calls` (no paging: every matching call). */
export const callExportQuerySchema = callListQuerySchema.omit({ page: true, pageSize: true, after: true }).extend({
  format: z.enum(['csv']).default('csv'),
});
export type CallExportQuery = z.infer<typeof callExportQuerySchema>;
