import type { QueryClient } from '@tanstack/react-query';
import { api, type ApiClient } from './client';

/**
 * The typed client a query's fetcher runs with, found from the QueryClient that runs it (TanStack hands
 * it to every queryFn): in the browser, the app's client (same origin, CSRF, silent refresh); during a
 * server prefetch, the one carrying the visitor's cookie (and address) straight to the API. This is what lets one
 * `queryOptions` serve the server prefetch and the client hook alike:
 * `queryFn: ({ client }) => fetchX(apiFor(client), …)`.
 */
const serverClients = new WeakMap<QueryClient, ApiClient>();

export function apiFor(queryClient: QueryClient): ApiClient {
  return serverClients.get(queryClient) ?? api;
}

/** Makes `apiFor(queryClient)` answer `client`: the server prefetch's QueryClient, one per request. */
export function bindApiClient(queryClient: QueryClient, client: ApiClient): void {
  serverClients.set(queryClient, client);
}
