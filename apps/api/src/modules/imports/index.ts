/** The CSV import's public face: its routes (POST /calls/import, /imports…). Import the module through this file only. */
export { importsRoutes, IMPORT_RATE } from './imports.routes.ts';
