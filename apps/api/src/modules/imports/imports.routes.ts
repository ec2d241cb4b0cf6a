import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  idParamsSchema,
  importDetailSchema,
  importListQuerySchema,
  importPageSchema,
  importPreviewSchema,
  importQuerySchema,
  importRevertSchema,
  importUploadBodySchema,
  problemSchema,
  type ImportQuery,
} from '@ct/contracts';
import { AppError } from '../../lib/errors.ts';
import { requestContext } from '../../lib/request-context.ts';
import { authOf } from '../../plugins/auth.ts';
import { attachment, csvStream, displayName } from '../../lib/csv-writer.ts';
import { createImportsService, importTarget } from './imports.service.ts';
import { spoolUpload, type SpooledFile } from './upload-spool.ts';

/** Per-user budgets: an upload is parsed and validated in full, dry run or not. */
export const IMPORT_RATE = { max: 20, timeWindow: 10 * 60_000 };
const byUser = (prefix: string) => (request: FastifyRequest) => `${prefix}:${request.auth?.userId ?? request.ip}`;

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 429: problemSchema };
const csvResponse = (description: string) => ({ description, content: { 'text/csv': { schema: z.string() } } });
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** What busboy accepts in one upload (files, option fields, their sizes). */
const MULTIPART_LIMITS = { files: 1, fields: 10, fieldSize: 64 * 1024, parts: 12, headerPairs: 100 };
/** Room for the part headers and boundaries around the file and the fields. */
const MULTIPART_OVERHEAD = 64 * 1024;

interface ReceivedUpload {
  file: SpooledFile;
  filename: string;
  fields: Record<string, string>;
}

/**
 * Reads the multipart body: the one file (field `file`) is streamed to a temporary file as it
 * arrives, option fields may come before or after it. Over IMPORT_MAX_BYTES → 413 naming the limit,
 * as soon as that is known — from the Content-Length before reading anything, else at the byte past
 * the limit — without storing the rest (plugins/unread-body.ts drains it).
 */
async function receiveUpload(request: FastifyRequest, maxBytes: number): Promise<ReceivedUpload> {
  if (!request.isMultipart())
    throw new AppError('unsupported_media_type', 'Send the CSV as multipart/form-data, in the field "file"');
  const fields: Record<string, string> = {};
  let upload: { file: SpooledFile; filename: string } | undefined;
  const limitError = () =>
    new AppError('payload_too_large', `The file is larger than ${formatBytes(maxBytes)}, the limit (IMPORT_MAX_BYTES)`);
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > maxBytes + MULTIPART_LIMITS.fields * MULTIPART_LIMITS.fieldSize + MULTIPART_OVERHEAD)
    throw limitError();
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      if (part.fieldname !== 'file') {
        part.file.resume();
        throw new AppError('bad_request', `Unexpected file field "${part.fieldname}"; send the CSV in "file"`);
      }
      // busboy would only truncate the file and go on reading the body to its end.
      part.file.once('limit', () => part.file.destroy(limitError()));
      const file = await spoolUpload(part.file);
      if (part.file.truncated) {
        await file.remove();
        throw limitError();
      }
      upload = { file, filename: displayName(part.filename) };
    }
  } catch (err) {
    await upload?.file.remove();
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw limitError();
    if (code === 'FST_FILES_LIMIT') throw new AppError('payload_too_large', 'Send one file per import');
    // busboy's parse errors (no boundary, truncated body, bad part headers) are the client's: 400, not 500.
    if (!(err instanceof AppError) && err instanceof Error && /multipart|boundary|part header/i.test(err.message))
      throw new AppError('bad_request', 'Malformed multipart/form-data body');
    throw err;
  }
  if (!upload)
    throw new AppError('validation_failed', 'No file: send the CSV in the multipart field "file"', [
      { path: 'file', message: 'Required' },
    ]);
  return { ...upload, fields };
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** Options from the query string, overridden by multipart fields of the same name. */
function importOptions(query: Record<string, unknown>, fields: Record<string, string>): ImportQuery {
  const parsed = importQuerySchema.safeParse({ ...query, ...fields });
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({ path: i.path.join('.') || 'body', message: i.message }));
    throw new AppError('validation_failed', `Invalid import options: ${errors.map((e) => e.path).join(', ')}`, errors);
  }
  return parsed.data;
}

export async function importsRoutes(app: FastifyInstance) {
  // Scoped to this plugin: no other route accepts multipart bodies.
  await app.register(multipart, {
    limits: { ...MULTIPART_LIMITS, fileSize: app.env.IMPORT_MAX_BYTES },
  });
  const service = createImportsService(app);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/calls/import', {
    config: { access: 'user' },
    onRequest: app.rateLimit({ ...IMPORT_RATE, keyGenerator: byUser('import') }),
    // The body is a stream the handler reads itself; its schema is documentation only.
    validatorCompiler: (route) =>
      route.httpPart === 'body'
        ? () => ({ value: undefined })
        : validatorCompiler(route as unknown as Parameters<typeof validatorCompiler>[0]),
    schema: {
      tags: ['imports'],
      summary: 'Import calls from a CSV file (multipart, field `file`); `dryRun=true` previews without writing',
      description: [
        'Encoding (UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252/ISO-8859-1) and delimiter (`,` `;` tab) are detected;',
        'headers are mapped from French and English names (override with `mapping`). Rows are validated like POST /calls and',
        'deduplicated on the E.164 phone against your calls and earlier rows (`dedupe`: skip or update).',
        'A real run is atomic. The same file or `Idempotency-Key` again returns the first import (200, `Idempotent-Replayed: true`).',
        '`Prefer: respond-async` answers 202 at once; poll `GET /imports/{id}` for progress.',
        'Options are query parameters or multipart fields (fields win).',
        '`listId`: import straight into a team list (a lead of its team or an admin: 403 for a member, 404 for anyone else;',
        '409 `list_archived`): the created calls are on the list, and a duplicate is one of your calls you could put',
        'on it (personal, or on a list of the same team), which goes on the list too; a match on another team\'s list',
        'is not one (the row creates a call). The list\'s audit records how many calls it gained.',
      ].join(' '),
      consumes: ['multipart/form-data'],
      querystring: importQuerySchema,
      headers: z.object({
        'idempotency-key': z
          .string()
          .max(255)
          .optional()
          .meta({ description: 'Retry-safe key (IETF draft): the same key returns the first result' }),
        prefer: z.string().optional().meta({ description: '`respond-async`: 202 with the running import' }),
      }),
      body: importUploadBodySchema,
      response: {
        200: z
          .union([importPreviewSchema, importDetailSchema])
          .meta({ description: 'The dry-run preview, or the earlier import replayed' }),
        201: importDetailSchema,
        202: importDetailSchema,
        ...problems,
        409: problemSchema,
        413: problemSchema,
        415: problemSchema,
        422: problemSchema,
      },
    },
    handler: async (request, reply) => {
      const viewer = authOf(request);
      const { userId } = viewer;
      const keyHeader = request.headers['idempotency-key'];
      const idempotencyKey = typeof keyHeader === 'string' && keyHeader !== '' ? keyHeader : null;
      if (idempotencyKey !== null && !IDEMPOTENCY_KEY.test(idempotencyKey))
        throw new AppError('bad_request', 'Idempotency-Key: 1 to 255 visible ASCII characters');
      const upload = await receiveUpload(request, app.env.IMPORT_MAX_BYTES);
      let handedOver = false;
      try {
        // The raw query (the validated one is already transformed), merged with the fields.
        const options = importOptions(
          Object.fromEntries(new URLSearchParams(request.url.split('?')[1] ?? '')),
          upload.fields,
        );
        const importRequest = {
          userId,
          file: upload.file,
          filename: upload.filename,
          dedupe: options.dedupe ?? 'skip',
          mapping: options.mapping,
          encoding: options.encoding,
          delimiter: options.delimiter === 'tab' ? ('\t' as const) : options.delimiter,
          target: options.listId ? await importTarget(app.db, viewer, options.listId) : undefined,
        };
        if (options.dryRun) return await service.preview(importRequest);
        const background = /\brespond-async\b/i.test(String(request.headers.prefer ?? ''));
        const outcome = await service.start(importRequest, {
          idempotencyKey,
          background,
          ctx: requestContext(request),
        });
        handedOver = outcome.kind === 'accepted';
        const location = `/imports/${outcome.detail.id}`;
        if (outcome.kind === 'replayed')
          return reply
            .code(200)
            .header('idempotent-replayed', 'true')
            .header('content-location', location)
            .send(outcome.detail);
        if (background) reply.header('preference-applied', 'respond-async');
        return reply
          .code(outcome.kind === 'accepted' ? 202 : 201)
          .header('location', location)
          .send(outcome.detail);
      } finally {
        if (!handedOver) await upload.file.remove();
      }
    },
  });

  r.get('/imports', {
    config: { access: 'user' },
    schema: {
      tags: ['imports'],
      summary: "The caller's imports, newest first, with their counts and status",
      querystring: importListQuerySchema,
      response: { 200: importPageSchema, ...problems },
    },
    handler: async (request) => service.list(authOf(request).userId, request.query.page, request.query.pageSize),
  });

  r.get('/imports/:id', {
    config: { access: 'user' },
    schema: {
      tags: ['imports'],
      summary:
        'One import: status, progress (processedRows / totalRows) while it runs, counts, first errors and duplicates',
      params: idParamsSchema,
      response: { 200: importDetailSchema, ...problems },
    },
    handler: async (request) => service.get(authOf(request).userId, request.params.id),
  });

  r.get('/imports/:id/errors.csv', {
    config: { access: 'user' },
    schema: {
      tags: ['imports'],
      summary: "The rejected rows as CSV (UTF-8 with BOM): the file's columns, then the line and the error",
      params: idParamsSchema,
      response: { 200: csvResponse('CSV of the rejected rows'), ...problems },
    },
    handler: async (request, reply) => {
      const errors = await service.errorRows(authOf(request).userId, request.params.id);
      const base = errors.filename.replace(/\.[^.]*$/, '');
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachment(`${base}-erreurs.csv`))
        .header('cache-control', 'no-store')
        .send(
          csvStream(
            errors.header,
            (async function* () {
              yield* errors.rows;
            })(),
            errors.delimiter,
          ) as never,
        ); // a stream: not serialised
    },
  });

  r.post('/imports/:id/revert', {
    config: { access: 'user' },
    schema: {
      tags: ['imports'],
      summary:
        'Undo an import: soft-deletes the calls it created that were not edited since (edited ones are listed and kept)',
      params: idParamsSchema,
      response: { 200: importRevertSchema, ...problems, 409: problemSchema },
    },
    handler: async (request) => service.revert(authOf(request).userId, request.params.id, requestContext(request)),
  });
}
