'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { logout } from './auth.api';

/** Signs out, forgets every cached query, and lands on /login with a confirmation. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      queryClient.clear();
      // A full navigation drops every piece of in-memory state of the signed-in user.
      window.location.replace('/login?reason=signed-out');
    },
  });
}
