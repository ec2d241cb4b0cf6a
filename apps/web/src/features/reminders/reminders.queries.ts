import { queryOptions } from '@tanstack/react-query';
import { unwrap, type ApiClient } from '@/lib/api';
import { apiFor } from '@/lib/api/query-api';
import { QUERY_ROOTS } from '@/lib/api/query-keys';
import { serverQuery, type ServerQuery } from '@/lib/api/server-query';
import { userSettingsServerQuery } from '@/features/settings/settings.queries';
import type { ReminderPage } from './reminders.api';

export interface ReminderListParams {
  /** `today` includes the overdue undone ones. */
  date: 'today' | string;
  done: boolean;
}

export const reminderKeys = {
  list: (params: ReminderListParams) => [...QUERY_ROOTS.reminders, 'list', params] as const,
};

/** The day's reminders, in the order of the user's `remindersOrder` setting (the API sorts). */
export function fetchReminders(client: ApiClient, params: ReminderListParams): Promise<ReminderPage> {
  return unwrap(
    client.GET('/reminders', {
      params: { query: { date: params.date, done: params.done ? 'true' : 'false', pageSize: 100 } },
    }),
  );
}

export const reminderQueries = {
  list: (params: ReminderListParams) =>
    queryOptions({
      queryKey: reminderKeys.list(params),
      queryFn: ({ client }) => fetchReminders(apiFor(client), params),
    }),
};

/** /reminders: today's list (a `?date=` other than today is left to the browser, which knows the user's zone). */
export function remindersPageQueries(params: { get(name: string): string | null }): ServerQuery[] {
  if (params.get('date')) return [userSettingsServerQuery()];
  const list = { date: 'today', done: params.get('view') === 'done' };
  return [userSettingsServerQuery(), serverQuery(reminderQueries.list(list))];
}
