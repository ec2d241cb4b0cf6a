import { z } from 'zod';
import { NOTIFICATION_TYPES } from './enums.ts';
import { isoDateTimeSchema, pageQuerySchema } from './common.ts';

/**
 * A notification as the API returns it. The numeric id is also the SSE event id of the live stream, so
 * a client resuming with Last-Event-ID gets exactly what it missed.
 */
export const notificationSchema = z
  .object({
    id: z.number().int(),
    type: z.enum(NOTIFICATION_TYPES),
    /** In the user's language at the time it was made. */
    title: z.string(),
    body: z.string(),
    /** The app page concerned (`/calls?open=<id>`, `/reminders`, `/dashboard`), or null. */
    link: z.string().nullable(),
    meta: z.record(z.string(), z.unknown()),
    readAt: isoDateTimeSchema.nullable(),
    createdAt: isoDateTimeSchema,
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof notificationSchema>;

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const notificationListQuerySchema = pageQuerySchema.extend({
  /** `false`: unread only; `true`: read only; absent: both. */
  read: booleanQuery.optional(),
  type: z.enum(NOTIFICATION_TYPES).optional(),
});
export type NotificationListQuery = z.infer<typeof notificationListQuerySchema>;

export const notificationPageSchema = z
  .object({
    items: z.array(notificationSchema),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
    /** Unread notifications of the user, whatever the filters. */
    unread: z.number().int(),
  })
  .meta({ id: 'NotificationPage' });
export type NotificationPage = z.infer<typeof notificationPageSchema>;

export const notificationIdParamsSchema = z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });

export const markAllReadResultSchema = z
  .object({ updated: z.number().int(), unread: z.number().int() })
  .meta({ id: 'MarkAllReadResult' });

export const notificationStreamQuerySchema = z.object({
  /** Fallback for clients that cannot set the Last-Event-ID header. */
  lastEventId: z.string().max(20).optional(),
});
