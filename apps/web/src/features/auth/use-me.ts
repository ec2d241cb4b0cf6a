'use client';

import { useQuery } from '@tanstack/react-query';
import { meQuery } from './auth.queries';

/** The signed-in user (GET /me), fetched on the server with the page when it can be. */
export function useMe() {
  return useQuery(meQuery());
}
