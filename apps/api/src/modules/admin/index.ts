/** The admin module's public face: its routes. */
export { adminRoutes } from './admin.routes.ts';
