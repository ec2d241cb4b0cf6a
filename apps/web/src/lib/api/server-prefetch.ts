import { cookies, headers } from 'next/headers';
import createClient from 'openapi-fetch';
import { dehydrate, QueryClient, type DehydratedState } from '@tanstack/react-query';
import type { ApiClient } from './client';
import { bindApiClient } from './query-api';
import type { paths } from './schema';
import type { ServerQuery } from './server-query';

/** The server waits this long for the API at most; after that the browser fetches as it would anyway. */
const SERVER_FETCH_TIMEOUT_MS = 1500;

/**
 * Runs a page's first queries on the server, in parallel, with the visitor's own session cookie, and
 * returns them dehydrated for <HydrationBoundary>: the page has its data as soon as the shell knows the
 * user, instead of asking for it only then (no request waterfall on page load). Anything that fails — an
 * expired access token, a slow or stopped API — is simply left for the browser to fetch (a prefetch
 * never throws, no retry on the server, and only successful queries are dehydrated).
 */
export async function prefetchOnServer(queries: readonly ServerQuery[]): Promise<DehydratedState> {
  const queryClient = new QueryClient();
  const cookie = (await cookies()).toString();
  if (!cookie) return dehydrate(queryClient);
  // The web server (server/main.ts) wrote the visitor's address, as it does for what it proxies.
  const visitor = (await headers()).get('x-forwarded-for');
  const client: ApiClient = createClient<paths>({
    // The same API as the /api proxy: the web server sets API_ORIGIN when it starts.
    baseUrl: process.env.API_ORIGIN || `http://127.0.0.1:${process.env.API_PORT || '4000'}`,
    headers: { cookie, ...(visitor ? { 'x-forwarded-for': visitor } : {}) },
    fetch: (request) =>
      globalThis.fetch(new Request(request, { signal: AbortSignal.timeout(SERVER_FETCH_TIMEOUT_MS) })),
  });
  bindApiClient(queryClient, client);
  await Promise.all(queries.map((prefetch) => prefetch(queryClient)));
  return dehydrate(queryClient);
}

/** Next's `searchParams` as the `get` the list helpers read (the first value of a repeated key). */
export function searchParamsGetter(params: Record<string, string | string[] | undefined>) {
  return {
    get: (name: string) => {
      const value = params[name];
      return (Array.isArray(value) ? value[0] : value) ?? null;
    },
  };
}
