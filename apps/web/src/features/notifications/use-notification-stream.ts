'use client';

import { useEffect, useRef } from 'react';
import type { Notification } from '@ct/contracts';
import { LIST_PRESENCE_EVENT, NOTIFICATION_EVENT } from '@ct/contracts/constants';
import { publishLiveEvent } from '@/lib/live-events';

export type LiveStatus = 'connecting' | 'live' | 'polling';

const STREAM_URL = '/api/me/notifications/stream';
/** Consecutive failed connections before the centre falls back to polling (and keeps retrying slower). */
const FAILURES_BEFORE_POLLING = 3;
const MAX_BACKOFF_MS = 60_000;

function backoff(failures: number) {
  // 1 s, 2 s, 4 s … up to a minute, with jitter so that many tabs do not reconnect in step.
  const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, failures - 1));
  return base / 2 + Math.random() * (base / 2);
}

/**
 * The live stream (Server-Sent Events): notifications, and the `list.presence` nudges it hands to
 * `lib/live-events` for the pages that show who is calling whom. The browser reconnects by itself after a dropped connection and
 * sends Last-Event-ID, so nothing is missed. When the server refuses the stream (401 once the access
 * token has expired, 429), EventSource gives up: `ensureSession` refreshes the session through the API
 * client, then the stream is reopened after the last id seen (`?lastEventId=`, as a new EventSource
 * cannot set the header). After a few failures in a row `onStatus('polling')` tells the caller to poll.
 *
 * `startAfter` is the id to resume after (the newest notification already loaded); null waits.
 */
export function useNotificationStream({
  startAfter,
  onNotification,
  onReconnect,
  onStatus,
  ensureSession,
}: {
  startAfter: number | null;
  onNotification: (notification: Notification) => void;
  onReconnect: () => void;
  onStatus: (status: LiveStatus) => void;
  ensureSession: () => Promise<unknown>;
}): void {
  const handlers = useRef({ onNotification, onReconnect, onStatus, ensureSession });
  useEffect(() => {
    handlers.current = { onNotification, onReconnect, onStatus, ensureSession };
  }, [onNotification, onReconnect, onStatus, ensureSession]);

  const isReady = startAfter !== null;
  const startAfterRef = useRef(startAfter);
  useEffect(() => {
    startAfterRef.current = startAfter;
  }, [startAfter]);

  useEffect(() => {
    if (!isReady || typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let timer: number | undefined;
    let failures = 0;
    let hasConnectedOnce = false;
    let lastId = startAfterRef.current ?? 0;
    let isDisposed = false;

    const onMessage = (event: MessageEvent<string>) => {
      const id = Number(event.lastEventId);
      if (Number.isSafeInteger(id)) lastId = Math.max(lastId, id);
      try {
        handlers.current.onNotification(JSON.parse(event.data) as Notification);
      } catch {
        // A malformed event is skipped; the list query still shows the notification on its next load.
      }
    };

    // Presence is a nudge to refetch, not a record: it moves no resume id, and a missed one is caught by
    // the pages' own polling.
    const onPresence = (event: MessageEvent<string>) => {
      try {
        const data = JSON.parse(event.data) as { listId?: unknown; teamId?: unknown };
        if (typeof data.listId === 'string' && typeof data.teamId === 'string') {
          publishLiveEvent(LIST_PRESENCE_EVENT, { listId: data.listId, teamId: data.teamId });
        }
      } catch {
        // Malformed: the pages' polling catches up.
      }
    };

    const connect = () => {
      if (isDisposed) return;
      source = new EventSource(`${STREAM_URL}?lastEventId=${lastId}`, { withCredentials: true });
      source.addEventListener(NOTIFICATION_EVENT, onMessage);
      source.addEventListener(LIST_PRESENCE_EVENT, onPresence);
      source.onopen = () => {
        if (hasConnectedOnce || failures > 0) handlers.current.onReconnect();
        hasConnectedOnce = true;
        failures = 0;
        handlers.current.onStatus('live');
      };
      source.onerror = () => {
        // CONNECTING: the browser is already retrying (with Last-Event-ID). CLOSED: it gave up.
        if (!source || source.readyState !== EventSource.CLOSED) return;
        source.close();
        failures += 1;
        if (failures >= FAILURES_BEFORE_POLLING) handlers.current.onStatus('polling');
        timer = window.setTimeout(() => {
          void handlers.current
            .ensureSession()
            .catch(() => undefined)
            .then(connect);
        }, backoff(failures));
      };
    };

    connect();
    return () => {
      isDisposed = true;
      window.clearTimeout(timer);
      source?.close();
    };
  }, [isReady]);
}
