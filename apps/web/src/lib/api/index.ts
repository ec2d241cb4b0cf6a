export { api, type ApiClient } from './client';
export { ApiError, unwrap, parseRetryAfter } from './problem';
export { rememberCsrfToken } from './csrf';
