/**
 * A small Server-Sent Events client over fetch streaming (the `eventsource` package wants Node 22):
 * parses `id:`/`event:`/`data:` fields and `:` comments per the WHATWG event-stream format.
 */
export interface SseEvent {
  id: string | undefined;
  event: string;
  data: string;
}

export interface SseStream {
  status: number;
  headers: Headers;
  events: SseEvent[];
  comments: string[];
  /** Resolves with the first `n` events (waits for them); rejects after `timeoutMs` or if the stream ends first. */
  take(n: number, timeoutMs?: number): Promise<SseEvent[]>;
  /** Resolves once a comment line matching `text` arrived. */
  comment(text: string, timeoutMs?: number): Promise<void>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export async function openSse(
  url: string,
  options: { cookies?: Record<string, string>; lastEventId?: string; headers?: Record<string, string> } = {},
): Promise<SseStream> {
  const controller = new AbortController();
  const headers: Record<string, string> = { accept: 'text/event-stream', ...(options.headers ?? {}) };
  if (options.cookies)
    headers.cookie = Object.entries(options.cookies)
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
  if (options.lastEventId !== undefined) headers['last-event-id'] = options.lastEventId;
  const res = await fetch(url, { headers, signal: controller.signal });

  const events: SseEvent[] = [];
  const comments: string[] = [];
  let waiters: (() => void)[] = [];
  let done = false;
  const notify = () => {
    const current = waiters;
    waiters = [];
    for (const w of current) w();
  };

  const ended = (async () => {
    if (!res.body || !res.headers.get('content-type')?.startsWith('text/event-stream')) {
      done = true;
      return;
    }
    const decoder = new TextDecoder();
    let buffer = '';
    let current: { id?: string; event?: string; data: string[] } = { data: [] };
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let newline: number;
        while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
          if (line === '') {
            if (current.data.length > 0)
              events.push({ id: current.id, event: current.event ?? 'message', data: current.data.join('\n') });
            current = { data: [] };
          } else if (line.startsWith(':')) {
            comments.push(line.slice(1).trim());
          } else {
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'id') current.id = value;
            else if (field === 'event') current.event = value;
            else if (field === 'data') current.data.push(value);
          }
        }
        notify();
      }
    } catch {
      // aborted by close()
    } finally {
      done = true;
      notify();
    }
  })();

  const waitUntil = (ready: () => boolean, what: string, timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`SSE: timed out waiting for ${what} (got ${events.length} events)`)),
        timeoutMs,
      );
      const check = () => {
        if (ready()) {
          clearTimeout(timer);
          resolve();
        } else if (done) {
          clearTimeout(timer);
          reject(new Error(`SSE: stream ended before ${what} (got ${events.length} events)`));
        } else waiters.push(check);
      };
      check();
    });

  return {
    status: res.status,
    headers: res.headers,
    events,
    comments,
    ended,
    take: async (n, timeoutMs = 5_000) => {
      await waitUntil(() => events.length >= n, `${n} events`, timeoutMs);
      return events.slice(0, n);
    },
    comment: (text, timeoutMs = 5_000) => waitUntil(() => comments.includes(text), `comment "${text}"`, timeoutMs),
    close: () => controller.abort(),
  };
}
