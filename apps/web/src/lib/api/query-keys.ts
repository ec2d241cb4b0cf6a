/**
 * The first element of every cached query's key, by resource. Mutations invalidate by these prefixes
 * (a logged call moves `calls`, `reminders` and `reports`), so a feature can say what it touches
 * without importing the features that read it.
 */
export const QUERY_ROOTS = {
  me: ['me'],
  calls: ['calls'],
  reminders: ['reminders'],
  reports: ['reports'],
  notifications: ['notifications'],
  teams: ['teams'],
  /** A team's call lists: their progress and who is on which contact now; putting calls on a list or assigning them moves these too. */
  lists: ['lists'],
  /** The call session's frozen queue: deliberately under no resource's prefix, so nothing invalidates it. */
  callSession: ['call-session'],
} as const;
