'use client';

import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useToast } from '@/components/ui/toast';
import { useI18n } from '@/lib/i18n';
import { errorMessage } from '@/lib/api/errors';
import { QUERY_ROOTS } from '@/lib/api/query-keys';
import {
  createCall,
  deleteCall,
  logCall,
  restoreCall,
  updateCall,
  type CallCreateBody,
  type CallLogBody,
  type CallPatchBody,
} from './calls.api';
import { callKeys } from './calls.queries';
import * as callMessages from '@/lib/i18n/messages/call';

/**
 * Everything a call change can move: the lists and details of calls, the day's reminders, and the
 * reports (today's attempts, the dashboard). Mutations are pessimistic: the server answers, then the
 * caches refetch.
 */
export function invalidateCallWork(queryClient: QueryClient) {
  return Promise.all(
    [callKeys.all, QUERY_ROOTS.reminders, QUERY_ROOTS.reports].map((queryKey) =>
      queryClient.invalidateQueries({ queryKey }),
    ),
  );
}

export function useCreateCall() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CallCreateBody) => createCall(body),
    onSuccess: () => invalidateCallWork(queryClient),
  });
}

export function useUpdateCall() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body, etag }: { id: string; body: CallPatchBody; etag: string }) => updateCall(id, body, etag),
    onSuccess: () => invalidateCallWork(queryClient),
  });
}

export function useLogCall() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: CallLogBody }) => logCall(id, body),
    onSuccess: () => invalidateCallWork(queryClient),
  });
}

/** Deletes, then offers "Annuler" in the toast, which restores the call (POST /calls/:id/restore). */
export function useDeleteCall() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const { t } = useI18n({ call: callMessages });

  const restore = useMutation({
    mutationFn: (target: { id: string; name: string }) => restoreCall(target.id),
    onSuccess: async (_call, target) => {
      await invalidateCallWork(queryClient);
      toast.success(t.call.remove.restored(target.name));
    },
    onError: (error) => toast.error(`${t.call.remove.restoreFailed} ${errorMessage(error, t)}`),
  });

  return useMutation({
    mutationFn: (target: { id: string; name: string; etag?: string }) => deleteCall(target.id, target.etag),
    onSuccess: async (_void, target) => {
      queryClient.removeQueries({ queryKey: callKeys.detail(target.id) });
      await invalidateCallWork(queryClient);
      toast.success(t.call.remove.done(target.name), {
        action: { label: t.call.remove.undo, onClick: () => restore.mutate({ id: target.id, name: target.name }) },
      });
    },
    onError: (error) => toast.error(`${t.call.remove.failed} ${errorMessage(error, t)}`),
  });
}
