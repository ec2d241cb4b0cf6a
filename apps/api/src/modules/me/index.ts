/** The me module's public face: its routes. */
export { meRoutes } from './me.routes.ts';
