import { queryOptions } from '@tanstack/react-query';
import type { MfaStatus } from '@ct/contracts';
import { unwrap } from '@/lib/api';
import { apiFor } from '@/lib/api/query-api';
import { QUERY_ROOTS } from '@/lib/api/query-keys';
import { serverQuery } from '@/lib/api/server-query';
import type { UserSettings } from './settings.api';

/**
 * The user's settings (GET /me/settings): what /settings edits, and what every page that shows calls
 * reads (work hours, reminder slot, phone region…). A save writes this same entry.
 */
export const userSettingsQuery = () =>
  queryOptions({
    queryKey: [...QUERY_ROOTS.me, 'settings'] as const,
    queryFn: ({ client }): Promise<UserSettings> => unwrap(apiFor(client).GET('/me/settings')),
    staleTime: 60_000,
  });

/** Pages that show calls have the settings fetched with them on the server. */
export const userSettingsServerQuery = () => serverQuery(userSettingsQuery());

/** Whether two-factor authentication is on, and how many recovery codes are left. */
export const mfaStatusQuery = () =>
  queryOptions({
    queryKey: [...QUERY_ROOTS.me, 'mfa'] as const,
    queryFn: ({ client }): Promise<MfaStatus> => unwrap(apiFor(client).GET('/me/mfa')),
  });
