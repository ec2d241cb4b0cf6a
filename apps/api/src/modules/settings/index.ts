/** Settings' public face: the routes, and the row mapper the users module reads a user's settings with. */
export { settingsRoutes } from './settings.routes.ts';
export { mapSettings } from './settings.repository.ts';
