import type {
  DefaultError,
  FetchInfiniteQueryOptions,
  FetchQueryOptions,
  QueryClient,
  QueryKey,
} from '@tanstack/react-query';

// No `next/headers` here (that is server-prefetch.ts): the features' query modules, which the browser
// loads too, name their pages' server queries with these.

/** A page's first query as the server runs it: the very `queryOptions` the page's hook uses. */
export type ServerQuery = (queryClient: QueryClient) => Promise<void>;

// Entries are kept until they are dehydrated, whatever gcTime the browser gives them (the call
// session's frozen queue has 0, which would drop it from the server's cache before it is sent).
const KEEP_UNTIL_DEHYDRATED = { gcTime: Infinity } as const;

export function serverQuery<
  TQueryFnData,
  TError = DefaultError,
  TData = TQueryFnData,
  TKey extends QueryKey = QueryKey,
>(options: FetchQueryOptions<TQueryFnData, TError, TData, TKey>): ServerQuery {
  return (queryClient) => queryClient.prefetchQuery({ ...options, ...KEEP_UNTIL_DEHYDRATED });
}

/** An infinite query's first page, as `useInfiniteQuery` would have fetched it. */
export function serverInfiniteQuery<
  TQueryFnData,
  TError = DefaultError,
  TKey extends QueryKey = QueryKey,
  TPage = unknown,
>(options: FetchInfiniteQueryOptions<TQueryFnData, TError, TQueryFnData, TKey, TPage>): ServerQuery {
  return (queryClient) => queryClient.prefetchInfiniteQuery({ ...options, ...KEEP_UNTIL_DEHYDRATED });
}
