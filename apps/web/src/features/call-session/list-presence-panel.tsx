'use client';

import { useId } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { useSession } from '@/features/auth/session-provider';
import { useI18n } from '@/lib/i18n';
import { contactName } from '@/lib/i18n/labels';
import type { TeamListDetail } from './team-list.api';
import * as callMessages from '@/lib/i18n/messages/call';
import * as callSessionMessages from '@/lib/i18n/messages/call-session';

/** The colleagues holding a contact of this list right now, and whom (the caller themself left out). */
export function ListPresencePanel({ list }: { list: UseQueryResult<TeamListDetail> }) {
  const { t } = useI18n({ call: callMessages, callSession: callSessionMessages });
  const copy = t.callSession.team;
  const { user } = useSession();
  const titleId = useId();
  const others = (list.data?.live ?? []).filter((entry) => entry.userId !== user?.id);

  return (
    <Card className="p-4" aria-labelledby={titleId}>
      <h3 id={titleId} className="mb-3 text-sm font-semibold text-slate-900 dark:text-white">
        {copy.othersTitle}
      </h3>
      {!list.data ? (
        list.isError ? (
          <p className="text-sm text-rose-700 dark:text-rose-300">{copy.othersError}</p>
        ) : (
          <div className="space-y-2" aria-hidden>
            <Skeleton className="h-4 w-2/3" />
            <Skeleton className="h-4 w-1/2" />
          </div>
        )
      ) : others.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{copy.othersNone}</p>
      ) : (
        <ul className="space-y-2" data-testid="list-presence">
          {others.map((entry) => (
            <li key={`${entry.userId}:${entry.callId}`} className="flex items-start gap-2 text-sm">
              <span className="mt-1.5 size-2 shrink-0 rounded-full bg-emerald-500" aria-hidden />
              <span className="min-w-0">
                <span className="font-medium text-slate-900 dark:text-white">{entry.name}</span>{' '}
                <span className="text-slate-600 dark:text-slate-400">
                  {copy.othersCalling(contactName(entry, t.call.unnamed))}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
