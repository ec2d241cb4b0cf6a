import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { CSRF_HEADER } from '@ct/contracts/auth';
import type { paths } from './schema';
import { readCsrfToken } from './csrf';
import { API_BASE_URL, currentSessionGeneration, redirectToLogin, refreshSession } from './session-refresh';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function withCsrf(request: Request) {
  if (!UNSAFE_METHODS.has(request.method)) return;
  const token = readCsrfToken();
  if (token) request.headers.set(CSRF_HEADER, token);
}

/** Echoes the session's CSRF token on every state-changing request (the API answers 403 without it). */
const csrfMiddleware: Middleware = {
  onRequest({ request }) {
    withCsrf(request);
  },
};

function isAuthEndpoint(request: Request) {
  return new URL(request.url).pathname.startsWith(`${API_BASE_URL}/auth/`);
}

/** A copy of each in-flight request (bodies are single-use) and the session generation it was sent in. */
const retryable = new Map<string, { copy: Request; generation: number }>();

/**
 * The access token lives 15 minutes: on a 401 (outside /auth/*), refresh the session once — shared by
 * concurrent requests — and replay the request once. If the session cannot be refreshed, go to /login.
 */
const sessionMiddleware: Middleware = {
  onRequest({ request, id }) {
    if (!isAuthEndpoint(request)) {
      retryable.set(id, { copy: request.clone(), generation: currentSessionGeneration() });
    }
  },
  async onResponse({ response, id, options }) {
    const entry = retryable.get(id);
    retryable.delete(id);
    if (!entry || response.status !== 401) return undefined;

    const refreshedMeanwhile = entry.generation !== currentSessionGeneration();
    if (!refreshedMeanwhile && !(await refreshSession())) {
      redirectToLogin();
      return undefined;
    }
    // The refresh rotated the CSRF token too.
    withCsrf(entry.copy);
    // Called unbound: `fetch` throws "Illegal invocation" when called as a method of another object.
    const send = options.fetch;
    const retried = await send(entry.copy);
    if (retried.status === 401) redirectToLogin();
    return retried;
  },
  onError({ id }) {
    retryable.delete(id);
  },
};

/** A typed client of the API: the browser's below, or the server prefetch's (lib/api/server-prefetch.ts). */
export type ApiClient = Client<paths>;

/** The typed API client: same origin (the web server streams `/api` to the API), cookies included. */
export const api: ApiClient = createClient<paths>({ baseUrl: API_BASE_URL, credentials: 'include' });
// Order matters: the session middleware copies the request after the CSRF header is set.
api.use(csrfMiddleware, sessionMiddleware);
