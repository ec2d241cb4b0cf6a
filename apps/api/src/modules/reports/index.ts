/** The reports module's public face: its routes. */
export { reportsRoutes } from './reports.routes.ts';
