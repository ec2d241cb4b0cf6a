import type { FastifyInstance } from 'fastify';

/** What a run is handed by the registry: the signal that cancels it, and where its progress goes. */
export interface RunHandle {
  signal: AbortSignal;
  /** Data rows done so far (what GET /imports/:id answers while the run is here). */
  progress(processedRows: number): void;
}

interface Entry {
  userId: string;
  processed: number;
  abort: AbortController;
  done: Promise<unknown>;
}

/**
 * The imports running in this process: their live progress, which imports are alive here (an import
 * `running` in the database but not here may be abandoned, see `findAbandonedImports`), and their cancellation
 * when the app closes (nothing of them is written; the close waits for them to roll back).
 */
export function createRunningImports(app: FastifyInstance) {
  const running = new Map<string, Entry>();

  app.addHook('onClose', async () => {
    for (const job of running.values()) job.abort.abort();
    await Promise.allSettled([...running.values()].map((job) => job.done));
  });

  return {
    has: (id: string) => running.has(id),
    /** The live progress of an import running here, else undefined. */
    processedOf: (id: string): number | undefined => running.get(id)?.processed,
    ids: () => [...running.keys()],

    /** Registers the import, runs `work`, then forgets it and runs `cleanup`, however the work ends. */
    track<T>(id: string, userId: string, work: (handle: RunHandle) => Promise<T>, cleanup: () => Promise<void>): Promise<T> {
      const abort = new AbortController();
      const entry: Entry = { userId, processed: 0, abort, done: Promise.resolve() };
      running.set(id, entry);
      const promise = work({
        signal: abort.signal,
        progress: (processed) => {
          entry.processed = processed;
        },
      }).finally(() => {
        running.delete(id);
        return cleanup();
      });
      entry.done = promise.catch(() => {});
      return promise;
    },
  };
}

export type RunningImports = ReturnType<typeof createRunningImports>;
