import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError } from './problem';
import type { Dictionary } from '@/lib/i18n';

/** One sentence for a failed request, in the user's language (the API's detail when it is specific). */
export function errorMessage(error: unknown, t: Dictionary): string {
  if (!(error instanceof ApiError)) return t.ui.errors.network;
  switch (error.status) {
    case 400:
      return t.ui.errors.invalid;
    case 403:
      return t.ui.errors.forbidden;
    case 404:
      return t.ui.errors.notFound;
    case 409:
      return t.ui.errors.conflict;
    case 412:
      return t.ui.errors.stale;
    case 429:
      return t.ui.errors.throttled;
    default:
      return error.status >= 500 ? t.ui.errors.server : (error.problem?.detail ?? t.ui.errors.server);
  }
}

export const isStale = (error: unknown) => error instanceof ApiError && error.status === 412;

/** The thing asked for is not there (deleted meanwhile, or never was): asking again will not help. */
export const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;

/**
 * Puts the API's validation errors (problem+json `errors[{path, message}]`, paths like `body.phone` or
 * `reminder.scheduledAt`) on the form's fields. Returns the messages that match no field.
 */
export function applyServerErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: Partial<Record<string, Path<T>>>,
): string[] {
  if (!(error instanceof ApiError) || !error.problem?.errors) return [];
  const unmatched: string[] = [];
  for (const issue of error.problem.errors) {
    const path = issue.path.replace(/^body\./, '');
    const field = fields[path];
    if (field) setError(field, { type: 'server', message: issue.message }, { shouldFocus: true });
    else unmatched.push(issue.message);
  }
  return unmatched;
}
