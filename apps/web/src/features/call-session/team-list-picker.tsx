'use client';

import Form from 'next/form';
import { useQuery } from '@tanstack/react-query';
import { Users } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { SelectField } from '@/components/ui/field';
import { useI18n } from '@/lib/i18n';
import { teamListQueries } from './team-list.api';
import * as callSessionMessages from '@/lib/i18n/messages/call-session';

/**
 * The session's start screen offers the open lists of the caller's teams: picking one reloads the
 * session on that list's shared queue (`/session?listId=`). Nothing shows for a caller in no team.
 */
export function TeamListPicker() {
  const { t } = useI18n({ callSession: callSessionMessages });
  const copy = t.callSession.team;
  const lists = useQuery(teamListQueries.open());
  const open = (lists.data ?? []).filter((list) => list.archivedAt === null);
  if (open.length === 0) return null;

  return (
    <Card className="mb-6 p-4 sm:p-5">
      <Form action="/session" className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="flex min-w-0 flex-1 items-start gap-3">
          <span className="mt-1 flex size-9 shrink-0 items-center justify-center rounded-xl bg-linear-to-br from-orchid-400/15 to-iris-500/15 text-iris-600 dark:from-orchid-400/20 dark:to-iris-500/20 dark:text-orchid-300">
            <Users className="size-[18px]" aria-hidden />
          </span>
          <div className="min-w-0 flex-1">
            <h2 className="text-sm font-semibold text-slate-900 dark:text-white">{copy.pickerTitle}</h2>
            <p className="mb-2 text-xs text-slate-600 dark:text-slate-400">{copy.pickerHint}</p>
            <SelectField
              name="listId"
              label={copy.pickerLabel}
              hideLabel
              options={open.map((list) => ({
                value: list.id,
                label: copy.pickerOption(list.name, list.teamName, list.remaining),
              }))}
            />
          </div>
        </div>
        <Button type="submit" className="shrink-0">
          {copy.start}
        </Button>
      </Form>
    </Card>
  );
}
