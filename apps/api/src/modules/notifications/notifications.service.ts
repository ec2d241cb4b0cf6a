import type { FastifyInstance } from 'fastify';
import type { NotificationListQuery, NotificationPage, NotificationType } from '@ct/contracts';
import type { Executor } from '@ct/db';
import { notFound } from '../../lib/errors.ts';
import type { Mailer } from '../../lib/mailer.ts';
import { loadUserContexts } from '../users/index.ts';
import { renderText, type TextParams } from './notifications.i18n.ts';
import { mapNotification } from './notifications.mapper.ts';
import * as repo from './notifications.repository.ts';
import type { NotificationRow, Recipient } from './notifications.repository.ts';

/** What a subscriber or a job asks for; the service decides whether and how it is delivered. */
export interface NotificationDraft {
  text: Exclude<TextParams, { kind: 'digest' }>;
  /** One notification per (user, key), ever: `reminder_due:<id>:<due ms>`, `wrong_number:<e164>`, … */
  dedupeKey: string;
  link: string | null;
  meta?: Record<string, unknown>;
}

export type Delivery = 'skip' | 'push' | 'hold';

/** Kinds that a daily/weekly user receives in their digest instead of one by one. */
const DIGESTED_KINDS = new Set<NotificationType>(['call_logged', 'wrong_number', 'reminder_due', 'list_finished']);

/**
 * The user's toggles, as one rule (docs/decisions/0022-notification-policy-and-digests.md):
 * - an urgent reminder_due is always pushed, whatever the toggles and the frequency;
 * - enableNotifications off silences everything else;
 * - each kind has its toggle: reminders (due and pending) notifReminder, call_logged notifCalls,
 *   wrong_number notifFraud, a lead's team kinds (list_finished, team_overdue_callbacks) notifTeam;
 * - with notifFrequency daily/weekly, call_logged, wrong_number, reminder_due and list_finished are held
 *   for the digest; reminders_pending and team_overdue_callbacks (already once-a-day lists) are pushed.
 */
export function decideDelivery(settings: Recipient['settings'], text: NotificationDraft['text']): Delivery {
  if (text.kind === 'reminder_due' && text.urgent) return 'push';
  if (!settings.enableNotifications) return 'skip';
  const allowed =
    text.kind === 'reminder_due' || text.kind === 'reminders_pending'
      ? settings.notifReminder
      : text.kind === 'call_logged'
        ? settings.notifCalls
        : text.kind === 'list_finished' || text.kind === 'team_overdue_callbacks'
          ? settings.notifTeam
          : settings.notifFraud;
  if (!allowed) return 'skip';
  return settings.notifFrequency !== 'realtime' && DIGESTED_KINDS.has(text.kind) ? 'hold' : 'push';
}

/** Kinds that also go out by email when SMTP is configured. */
const EMAILED_KINDS = new Set<NotificationType>(['reminder_due', 'digest']);

/**
 * Notifications written in one transaction, and what to do once it commits (the pushes themselves
 * travel with the commit through pg_notify; emails and in-process events go after it).
 */
export class Outbox {
  private readonly delivered: { recipient: Recipient; row: NotificationRow }[] = [];

  constructor(
    private readonly app: FastifyInstance,
    private readonly mailer: Mailer | null,
  ) {}

  /** Writes the notification if the user's settings allow it and it does not exist yet. */
  async add(
    db: Executor,
    recipient: Recipient,
    draft: NotificationDraft,
    now: Date,
  ): Promise<NotificationRow | undefined> {
    const delivery = decideDelivery(recipient.settings, draft.text);
    if (delivery === 'skip') return undefined;
    return this.insert(db, recipient, draft.text, draft, now, delivery === 'hold');
  }

  /** Writes a digest (always pushed: it exists only because the user asked for digests). */
  async addDigest(
    db: Executor,
    recipient: Recipient,
    text: Extract<TextParams, { kind: 'digest' }>,
    draft: Omit<NotificationDraft, 'text'>,
    now: Date,
  ) {
    return this.insert(db, recipient, text, draft, now, false);
  }

  private async insert(
    db: Executor,
    recipient: Recipient,
    text: TextParams,
    draft: Omit<NotificationDraft, 'text'>,
    now: Date,
    held: boolean,
  ) {
    const { title, body } = renderText(text, recipient);
    const row = await repo.insertNotification(db, {
      userId: recipient.id,
      type: text.kind,
      title,
      body,
      link: draft.link,
      meta: { ...(draft.meta ?? {}), ...(held ? { delivery: 'digest' } : {}) },
      dedupeKey: draft.dedupeKey,
      createdAt: now,
    });
    if (row && !held) {
      await repo.publishNotification(db, recipient.id, row.id);
      this.delivered.push({ recipient, row });
    }
    return row;
  }

  /** A position to roll back to when the savepoint that wrote the following rows is rolled back. */
  mark(): number {
    return this.delivered.length;
  }

  rollbackTo(mark: number): void {
    this.delivered.splice(mark);
  }

  /** After the commit: emails (failures logged, never thrown) and the notification.created events. */
  async flush(): Promise<void> {
    const items = this.delivered.splice(0);
    for (const { recipient, row } of items) {
      if (this.mailer && EMAILED_KINDS.has(row.type)) {
        await sendEmail(this.app, this.mailer, recipient, row).catch((err: unknown) =>
          this.app.log.warn({ err, notificationId: row.id }, 'notification email failed'),
        );
      }
      await this.app.events.emit('notification.created', { userId: recipient.id, notificationId: row.id });
    }
  }
}

async function sendEmail(app: FastifyInstance, mailer: Mailer, recipient: Recipient, row: NotificationRow) {
  const origin = app.env.appOrigins[0] ?? '';
  const footer =
    recipient.language === 'fr'
      ? 'Vous recevez cet email car les notifications par email sont activées pour votre compte Call Tracking.'
      : 'You receive this email because email notifications are on for your Call Tracking account.';
  const text = [row.title, '', row.body, '', ...(row.link ? [`${origin}${row.link}`, ''] : []), '--', footer].join(
    '\n',
  );
  await mailer.send({ to: recipient.email, subject: row.title, text, language: recipient.language });
}

export function createNotificationsService(app: FastifyInstance, mailer: Mailer | null) {
  const { db, clock } = app;
  return {
    outbox: () => new Outbox(app, mailer),

    /** One notification outside any other work (event subscribers): write, then deliver. */
    async notify(userId: string, draft: NotificationDraft): Promise<NotificationRow | undefined> {
      // A user deleted or disabled since the event is skipped: there is no one to notify.
      const [recipient] = await loadUserContexts(db, [userId]);
      if (!recipient) return undefined;
      const outbox = new Outbox(app, mailer);
      const row = await db.transaction((tx) => outbox.add(tx, recipient, draft, clock.now()));
      await outbox.flush();
      return row;
    },

    async list(userId: string, query: NotificationListQuery): Promise<NotificationPage> {
      const { rows, total, unread } = await repo.listNotifications(db, userId, query);
      return { items: rows.map(mapNotification), page: query.page, pageSize: query.pageSize, total, unread };
    },

    async markRead(userId: string, id: number) {
      const row = await repo.markRead(db, userId, id, clock.now());
      if (!row) throw notFound('Notification');
      return mapNotification(row);
    },

    async markAllRead(userId: string) {
      const updated = await repo.markAllRead(db, userId, clock.now());
      return { updated, unread: await repo.countUnread(db, userId) };
    },
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
