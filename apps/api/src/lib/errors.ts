/**
 * Services throw AppError with a code; this one table maps codes to HTTP status and title, and the
 * error handler turns them into RFC 9457 problem+json.
 */
export const ERROR_CODES = {
  bad_request: { status: 400, title: 'Bad request' },
  validation_failed: { status: 400, title: 'Validation failed' },
  password_too_common: { status: 400, title: 'Password too common' },
  password_contextual: { status: 400, title: 'Password based on the account or the app name' },
  password_control_chars: { status: 400, title: 'Password contains control characters' },
  password_reused: { status: 400, title: 'New password same as the current one' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  invalid_credentials: { status: 401, title: 'Invalid email or password' },
  session_expired: { status: 401, title: 'Session expired' },
  invalid_mfa_code: { status: 401, title: 'Invalid authentication code' },
  mfa_challenge_invalid: { status: 401, title: 'Sign-in step expired' },
  forbidden: { status: 403, title: 'Forbidden' },
  csrf_failed: { status: 403, title: 'CSRF check failed' },
  wrong_password: { status: 403, title: 'Current password is incorrect' },
  wrong_mfa_code: { status: 403, title: 'The authentication code is incorrect' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict' },
  last_admin: { status: 409, title: 'The last admin cannot lose admin rights' },
  email_taken: { status: 409, title: 'Email already in use' },
  team_name_taken: { status: 409, title: 'Team name already in use' },
  list_name_taken: { status: 409, title: 'List name already in use in this team' },
  list_archived: { status: 409, title: 'The list is archived' },
  not_on_list: { status: 409, title: 'The call is not on a team list' },
  mfa_already_enabled: { status: 409, title: 'Two-factor authentication is already on' },
  mfa_not_enabled: { status: 409, title: 'Two-factor authentication is off' },
  mfa_setup_missing: { status: 409, title: 'No two-factor enrolment in progress' },
  mfa_reset_self: { status: 409, title: 'Turn your own two-factor authentication off in your settings' },
  precondition_failed: { status: 412, title: 'Precondition failed' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  unprocessable: { status: 422, title: 'Unprocessable content' },
  precondition_required: { status: 428, title: 'Precondition required' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal server error' },
  unavailable: { status: 503, title: 'Service unavailable' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  readonly title: string;

  constructor(
    readonly code: ErrorCode,
    detail?: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? ERROR_CODES[code].title);
    this.name = 'AppError';
    this.status = ERROR_CODES[code].status;
    this.title = ERROR_CODES[code].title;
  }
}

export const notFound = (what = 'Resource') => new AppError('not_found', `${what} not found`);
