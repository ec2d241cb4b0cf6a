import { settingsServerQuery } from '@/features/calls/calls.prefetch';
import type { ServerQuery } from '@/lib/api/server-prefetch';
import { reminderKeys } from './reminders.api';

/** /reminders: today's list (a `?date=` other than today is left to the browser, which knows the user's zone). */
export function remindersServerQueries(params: { get(name: string): string | null }): ServerQuery[] {
  if (params.get('date')) return [settingsServerQuery];
  const list = { date: 'today', done: params.get('view') === 'done' };
  return [
    settingsServerQuery,
    {
      queryKey: reminderKeys.list(list),
      request: (api) =>
        api.GET('/reminders', {
          params: { query: { date: 'today', done: list.done ? 'true' : 'false', pageSize: 100 } },
        }),
    },
  ];
}
