import type { DomainEvents, EventBus, EventName } from './events.ts';

/** An event decided inside a transaction, emitted only once it has committed. */
export type PendingEvent = { [K in EventName]: { name: K; payload: DomainEvents[K] } }[EventName];

export async function emitAll(bus: EventBus, events: readonly PendingEvent[]): Promise<void> {
  for (const event of events) await bus.emit(event.name, event.payload as never);
}
