'use client';

import { useQuery } from '@tanstack/react-query';
import { fetchMe, meQueryKey } from './auth.api';

/** The signed-in user (GET /me). A 401 is handled by the API client: refresh once, else go to /login. */
export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 5 * 60_000 });
}
