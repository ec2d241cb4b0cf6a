/** Notifications' public face: the module (rows, the live stream, subscribers) and what the jobs use of it. */
export { notificationsModule } from './notifications.module.ts';
export type { FlagReason } from './notifications.i18n.ts';
export { listHeldPending, markDigested, type Recipient } from './notifications.repository.ts';
export type { Outbox } from './notifications.service.ts';
export { callLink, wrongNumberKey } from './notifications.subscribers.ts';
