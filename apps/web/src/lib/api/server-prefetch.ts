import { cookies, headers } from 'next/headers';
import createClient from 'openapi-fetch';
import { dehydrate, QueryClient, type DehydratedState, type QueryKey } from '@tanstack/react-query';
import type { paths } from './schema';

/** A page's first query as the server runs it: its cache key, and the request (typed client) that fills it. */
export interface ServerQuery {
  queryKey: QueryKey;
  request: (api: ServerApi) => Promise<{ data?: unknown; response: Response }>;
  /** Shapes the response body into what the page's query holds (an infinite query's pages, say). */
  toData?: (body: unknown) => unknown;
}

export type ServerApi = ReturnType<typeof createClient<paths>>;

/** The server waits this long for the API at most; after that the browser fetches as it would anyway. */
const SERVER_FETCH_TIMEOUT_MS = 1500;

/**
 * Runs a page's first queries on the server, in parallel, with the visitor's own session cookie, and
 * returns them dehydrated for <HydrationBoundary>: the page has its data as soon as the shell knows the
 * user, instead of asking for it only then (no request waterfall on page load). Anything that fails — an
 * expired access token, a slow or stopped API — is simply left for the browser to fetch.
 */
export async function prefetchOnServer(queries: readonly ServerQuery[]): Promise<DehydratedState> {
  const queryClient = new QueryClient();
  const cookie = (await cookies()).toString();
  if (!cookie) return dehydrate(queryClient);
  // The web server (server/main.ts) wrote the visitor's address, as it does for what it proxies.
  const visitor = (await headers()).get('x-forwarded-for');
  const api = createClient<paths>({
    // The same API as the /api proxy: the web server sets API_ORIGIN when it starts.
    baseUrl: process.env.API_ORIGIN || `http://127.0.0.1:${process.env.API_PORT || '4000'}`,
    headers: { cookie, ...(visitor ? { 'x-forwarded-for': visitor } : {}) },
    fetch: (request) =>
      globalThis.fetch(new Request(request, { signal: AbortSignal.timeout(SERVER_FETCH_TIMEOUT_MS) })),
  });
  await Promise.all(
    queries.map(async ({ queryKey, request, toData }) => {
      try {
        const { data, response } = await request(api);
        if (response.ok && data !== undefined) queryClient.setQueryData(queryKey, toData ? toData(data) : data);
      } catch {
        // Timed out or refused: the browser will ask.
      }
    }),
  );
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
