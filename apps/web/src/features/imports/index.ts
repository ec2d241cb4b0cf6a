export { ImportDialog } from './import-dialog';
export { ExportButton } from './export-button';
export type { ExportFilters, ImportDetail } from './imports.api';
