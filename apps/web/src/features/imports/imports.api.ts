import type { ImportDedupeMode, ImportField } from '@ct/contracts/constants';
import type { components, paths } from '@/lib/api/schema';
import { api, ApiError, unwrap } from '@/lib/api';

export type ImportPreview = components['schemas']['ImportPreview'];
export type ImportDetail = components['schemas']['ImportDetail'];
export type ImportRevert = components['schemas']['ImportRevert'];
type UploadBody = paths['/calls/import']['post']['requestBody']['content']['multipart/form-data'];

export interface ImportOptions {
  dedupe: ImportDedupeMode;
  /** Header → field (null: ignore); sent only when the user changed the guess. */
  mapping?: Record<string, ImportField | null> | undefined;
}

function formOf(file: File, options: ImportOptions) {
  const form = new FormData();
  form.set('dedupe', options.dedupe);
  if (options.mapping) form.set('mapping', JSON.stringify(options.mapping));
  form.set('file', file, file.name);
  // The browser sets the multipart Content-Type and boundary; the body is not JSON.
  return form as unknown as UploadBody;
}

/** `?dryRun=true`: what the import would do; nothing is written. */
export async function previewImport(file: File, options: ImportOptions): Promise<ImportPreview> {
  const result = await unwrap(
    api.POST('/calls/import', { params: { query: { dryRun: 'true' } }, body: formOf(file, options) }),
  );
  return result as ImportPreview;
}

/**
 * The real run, answered at once (202) when the server can finish it in the background; the
 * Idempotency-Key makes a double click or a retried request import once.
 */
export async function startImport(
  file: File,
  options: ImportOptions,
  idempotencyKey: string,
): Promise<{ detail: ImportDetail; replayed: boolean }> {
  const call = api.POST('/calls/import', {
    params: { header: { 'idempotency-key': idempotencyKey, prefer: 'respond-async' } },
    body: formOf(file, options),
  });
  const detail = (await unwrap(call)) as ImportDetail;
  const { response } = await call;
  return { detail, replayed: response.headers.get('idempotent-replayed') === 'true' };
}

export function fetchImport(id: string): Promise<ImportDetail> {
  return unwrap(api.GET('/imports/{id}', { params: { path: { id } } }));
}

export function revertImport(id: string): Promise<ImportRevert> {
  return unwrap(api.POST('/imports/{id}/revert', { params: { path: { id } } }));
}

/** The filename of an attachment, from Content-Disposition (RFC 6266, UTF-8 form preferred). */
function filenameOf(response: Response, fallback: string) {
  const header = response.headers.get('content-disposition') ?? '';
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (utf8?.[1]) return decodeURIComponent(utf8[1]);
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback;
}

/** Saves a Blob under a name, through a temporary link (the way browsers offer downloads). */
function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function download(call: Promise<{ data?: Blob; error?: unknown; response: Response }>, fallback: string) {
  const { data, error, response } = await call;
  if (!response.ok || !data) throw error instanceof ApiError ? error : new ApiError(response.status, null, null);
  saveBlob(data, filenameOf(response, fallback));
}

export function downloadImportErrors(id: string) {
  return download(
    api.GET('/imports/{id}/errors.csv', { params: { path: { id } }, parseAs: 'blob' }) as never,
    'erreurs.csv',
  );
}

/** The GET /calls filters (a `toApiQuery` result): paging is dropped, the export takes every match. */
export type ExportFilters = Partial<
  Record<'q' | 'status' | 'type' | 'dateField' | 'from' | 'to' | 'sort' | 'page' | 'pageSize', string | number>
>;

export function downloadExport(filters: ExportFilters = {}) {
  const { page: _page, pageSize: _pageSize, ...rest } = filters;
  const query = Object.fromEntries(
    Object.entries(rest)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => [k, String(v)]),
  );
  return download(
    api.GET('/calls/export', { params: { query: query as never }, parseAs: 'blob' }) as never,
    'calls.csv',
  );
}
