/**
 * The calls module's public face: the call workflow (calls, their history and their reminders — one
 * aggregate), its routes, and what other modules, the jobs and app.ts use of it. Import the module
 * through this file only; everything else in the folder is its own business.
 */
export { callsRoutes } from './calls.routes.ts';
export { remindersRoutes } from './reminders.routes.ts';
export { exportRoutes } from './export.routes.ts';

// Turning typed fields into a call's columns (the CSV import validates rows with it).
export { prepareCallValues, type CallFields, type PreparedCall } from './calls.service.ts';
export type { CallInsert } from './calls.repository.ts';
export type { ReminderInsert } from './reminders.repository.ts';

// The CSV import's writes and its revert.
export {
  clearImportUndo,
  deleteImportCalls,
  findCallsByPhones,
  importCallsState,
  insertImportedCalls,
  keepImportUndo,
  softDeleteUntouchedImportCalls,
  undoImportChanges,
  updateCallFromImport,
  type DedupeCallRow,
} from './calls-import.repository.ts';
export { closeOpenRemindersOf, insertReminders } from './reminders.repository.ts';
// The order of a user's reminders, for the reports' today.
export { reminderOrder } from './reminders.repository.ts';

// The jobs: purge, fake-number flags; the reports: attempts of a day.
export { flagCalls, listAttemptsBetween, purgeDeletedCalls } from './calls.repository.ts';

// Team lists: the calls on a list, their progress, and the queue's leases.
export { mapCall } from './calls.mapper.ts';
export {
  assignCalls,
  countListCalls,
  hasCallableCalls,
  findMovableCalls,
  handOverTeamWorkOf,
  listOutcomes,
  listProgress,
  listTeamHasMember,
  putCallsOnList,
  takeCallsOffList,
} from './list-calls.repository.ts';
export { claimNext, findHeldLease, listLiveLeases, releaseLease, releaseLeasesOf } from './call-queue.repository.ts';
