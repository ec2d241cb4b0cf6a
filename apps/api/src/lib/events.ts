import type { CallStatus } from '@ct/contracts';

/**
 * The domain events, one map of name → payload. Services emit after their transaction commits;
 * notifications and live updates subscribe.
 */
export interface DomainEvents {
  'call.created': { userId: string; callId: string };
  'call.updated': { userId: string; callId: string };
  'call.deleted': { userId: string; callId: string };
  'call.restored': { userId: string; callId: string };
  'call.logged': {
    userId: string;
    callId: string;
    historyId: string;
    status: CallStatus;
    contactName: string;
    phone: string;
    occurredAt: Date;
    reminderId: string | null;
  };
  'call.wrong_number': { userId: string; callId: string; contactName: string; phone: string; reason: string };
  'reminder.created': { userId: string; reminderId: string; callId: string; scheduledAt: Date };
  'reminder.updated': { userId: string; reminderId: string };
  'reminder.deleted': { userId: string; reminderId: string; callId: string };
  'reminder.due': { userId: string; reminderId: string; callId: string; scheduledAt: Date };
  'notification.created': { userId: string; notificationId: number };
  'session.revoked': { userId: string; sessionId: string | null };
  /** A lease on a call of this team list began or ended: who is calling whom there changed. */
  'list.presence': { listId: string; teamId: string };
}

export type EventName = keyof DomainEvents;
type Handler<K extends EventName> = (payload: DomainEvents[K]) => void | Promise<void>;

/**
 * In-process bus. `emit` resolves once every subscriber has run, so a request that commits a change
 * answers after its notifications exist; a failing subscriber is reported, never thrown to the emitter.
 */
export class EventBus {
  private readonly handlers = new Map<EventName, Set<Handler<never>>>();

  constructor(private readonly onError: (err: unknown, event: EventName) => void = () => {}) {}

  on<K extends EventName>(event: K, handler: Handler<K>): () => void {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(handler as Handler<never>);
    return () => set.delete(handler as Handler<never>);
  }

  async emit<K extends EventName>(event: K, payload: DomainEvents[K]): Promise<void> {
    const set = this.handlers.get(event);
    if (!set) return;
    await Promise.all(
      [...set].map(async (handler) => {
        try {
          await (handler as Handler<K>)(payload);
        } catch (err) {
          this.onError(err, event);
        }
      }),
    );
  }
}
