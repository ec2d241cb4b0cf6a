import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import type { Clock } from '../lib/clock.ts';
import { recordAudit } from '../modules/audits/index.ts';
import { requestContext } from '../lib/request-context.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Counters of failed attempts (login…), on the same store as the rate limits. */
    attemptLimiter(options: { name: string; max: number; windowMs: number }): AttemptLimiter;
  }
}

/**
 * A Redis command unanswered after this long fails (and the limit fails open). Without it, a Redis
 * that stops answering on an open connection (a network partition, a frozen server) would hold every
 * rate-limited request, login included, for as long as the socket stays up.
 */
const REDIS_COMMAND_TIMEOUT_MS = 500;

/**
 * Rate limits are opt-in per route (`app.rateLimit(...)` hooks). The store is in memory, or Redis when
 * REDIS_URL is set so that several API instances share one budget. If Redis is down, requests are let
 * through (fail open, logged): a cache outage must not lock every user out — except the failed-attempt
 * counters (logins, passwords), which then count in this process: a per-instance budget beats none.
 * Down means refused (commands fail at once: no offline queue) or silent (commands time out).
 */
export const rateLimitPlugin = fp(async (app) => {
  const redis = app.env.REDIS_URL
    ? new Redis(app.env.REDIS_URL, {
        connectTimeout: 2_000,
        commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
        lazyConnect: false,
      })
    : undefined;
  redis?.on('error', (err) => app.log.warn({ err }, 'redis error'));

  await app.register(rateLimit, {
    global: false,
    ...(redis ? { redis, nameSpace: 'ct-rl:', skipOnError: true } : {}),
    addHeadersOnExceeding: { 'x-ratelimit-limit': true, 'x-ratelimit-remaining': true, 'x-ratelimit-reset': true },
    addHeaders: {
      'x-ratelimit-limit': true,
      'x-ratelimit-remaining': true,
      'x-ratelimit-reset': true,
      'retry-after': true,
    },
    errorResponseBuilder: (_request, context) => {
      const error = new Error(`Too many requests, retry in ${Math.ceil(context.ttl / 1000)} s`) as Error & {
        statusCode: number;
        code: string;
      };
      error.statusCode = 429;
      error.code = 'FST_ERR_RATE_LIMIT_EXCEEDED';
      return error;
    },
    onExceeded: (request, key) => {
      const auth = request.auth;
      recordAudit(
        app.db,
        {
          actorId: auth?.userId ?? null,
          action: 'excess_rate_limit_exceeded',
          targetType: 'route',
          targetId: `${request.method} ${request.routeOptions.url}`,
          outcome: 'failure',
          meta: { key: key.split(':').slice(0, 2).join(':') },
        },
        requestContext(request),
      ).catch((err: unknown) => request.log.warn({ err }, 'audit failed'));
    },
  });

  const memory = new MemoryCounterStore(app.clock);
  const store: CounterStore = redis
    ? new FailoverCounterStore(new RedisCounterStore(redis), memory, (err) =>
        app.log.warn({ err }, 'attempt limiter: redis failed; counting in this process'),
      )
    : memory;
  app.decorate('attemptLimiter', (options: { name: string; max: number; windowMs: number }) => {
    return new AttemptLimiter(store, app.clock, options, (err) =>
      app.log.warn({ err }, 'attempt limiter store failed; letting the attempt through'),
    );
  });

  // QUIT waits for pending replies; on a silent Redis it times out, and the socket is dropped instead.
  if (redis) app.addHook('onClose', async () => void (await redis.quit().catch(() => redis.disconnect())));
});

/** A fixed-window counter per key. `ttlMs` is the time left in the key's window. */
interface CounterStore {
  increment(key: string, windowMs: number): Promise<{ count: number; ttlMs: number }>;
  decrement(key: string): Promise<void>;
}

export interface AttemptDecision {
  allowed: boolean;
  /** Whole seconds until the first exceeded key's window ends (for Retry-After). */
  retryAfterSeconds: number;
  /** The keys over budget; `firstRefusal` is true once per key and window (for the audit row). */
  exceeded: { key: string; firstRefusal: boolean }[];
}

/**
 * Counts attempts that turn out to be failures (wrong passwords), per key (IP, account).
 *
 * Why not @fastify/rate-limit: it counts every request, so a user who signs in often (or an e2e suite)
 * would lock themself out. Here an attempt is reserved atomically before the check — so N concurrent
 * guesses cannot all slip past a budget of max — and given back when it succeeds or is refused, so the
 * counter holds failures only.
 */
export class AttemptLimiter {
  /** Keys already audited in their current window (per process; bounds audit rows under a flood). */
  private readonly refused = new Map<string, number>();

  constructor(
    private readonly store: CounterStore,
    private readonly clock: Clock,
    private readonly options: { name: string; max: number; windowMs: number },
    private readonly onStoreError: (err: unknown) => void,
  ) {}

  /** Reserves one attempt on every key; refused (and given back) if any key is over its budget. */
  async take(keys: string[]): Promise<AttemptDecision> {
    const scoped = keys.map((k) => this.scope(k));
    let counts: { count: number; ttlMs: number }[];
    try {
      counts = await Promise.all(scoped.map((k) => this.store.increment(k, this.options.windowMs)));
    } catch (err) {
      this.onStoreError(err);
      return { allowed: true, retryAfterSeconds: 0, exceeded: [] };
    }
    const over = counts.map((c, i) => ({ ...c, key: keys[i]! })).filter((c) => c.count > this.options.max);
    if (over.length === 0) return { allowed: true, retryAfterSeconds: 0, exceeded: [] };
    await this.giveBack(scoped);
    const now = this.clock.now().getTime();
    const exceeded = over.map(({ key, ttlMs }) => {
      const until = this.refused.get(key);
      const firstRefusal = until === undefined || until <= now;
      if (firstRefusal) this.rememberRefusal(key, now + ttlMs, now);
      return { key, firstRefusal };
    });
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil(Math.max(...over.map((o) => o.ttlMs)) / 1000)),
      exceeded,
    };
  }

  /** Gives back an attempt that did not fail (a successful login, or an error that was not a guess). */
  async refund(keys: string[]): Promise<void> {
    await this.giveBack(keys.map((k) => this.scope(k)));
  }

  private async giveBack(scopedKeys: string[]) {
    try {
      await Promise.all(scopedKeys.map((k) => this.store.decrement(k)));
    } catch (err) {
      this.onStoreError(err);
    }
  }

  private scope(key: string) {
    return `${this.options.name}:${key}`;
  }

  private rememberRefusal(key: string, until: number, now: number) {
    if (this.refused.size >= 10_000) for (const [k, t] of this.refused) if (t <= now) this.refused.delete(k);
    if (this.refused.size >= 10_000) this.refused.clear();
    this.refused.set(key, until);
  }
}

/** In-process store, on the app clock (tests travel in time); swept when it grows. */
class MemoryCounterStore implements CounterStore {
  private readonly counters = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly clock: Clock) {}

  async increment(key: string, windowMs: number) {
    const now = this.clock.now().getTime();
    let entry = this.counters.get(key);
    if (!entry || entry.resetAt <= now) {
      if (this.counters.size >= 100_000) this.sweep(now);
      entry = { count: 0, resetAt: now + windowMs };
      this.counters.set(key, entry);
    }
    entry.count += 1;
    return { count: entry.count, ttlMs: entry.resetAt - now };
  }

  async decrement(key: string) {
    const entry = this.counters.get(key);
    if (entry && entry.count > 0) entry.count -= 1;
  }

  /** Whether `key` holds attempts in its current window. */
  holds(key: string): boolean {
    const entry = this.counters.get(key);
    return entry !== undefined && entry.count > 0 && entry.resetAt > this.clock.now().getTime();
  }

  private sweep(now: number) {
    for (const [k, e] of this.counters) if (e.resetAt <= now || e.count === 0) this.counters.delete(k);
    // Still full (a flood of distinct keys): start over rather than grow without bound.
    if (this.counters.size >= 100_000) this.counters.clear();
  }
}

/** Shared store: INCR + PEXPIRE on the first hit, in one script so a crash cannot leave a key without TTL. */
class RedisCounterStore implements CounterStore {
  private static readonly INCREMENT = `local c = redis.call('INCR', KEYS[1])
if c == 1 or redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {c, redis.call('PTTL', KEYS[1])}`;
  private static readonly DECREMENT = `if redis.call('GET', KEYS[1]) and tonumber(redis.call('GET', KEYS[1])) > 0 then return redis.call('DECR', KEYS[1]) end return 0`;

  constructor(private readonly redis: Redis) {}

  async increment(key: string, windowMs: number) {
    const [count, ttlMs] = (await this.redis.eval(
      RedisCounterStore.INCREMENT,
      1,
      `ct-attempts:${key}`,
      String(windowMs),
    )) as [number, number];
    return { count, ttlMs: Math.max(0, ttlMs) };
  }

  async decrement(key: string) {
    await this.redis.eval(RedisCounterStore.DECREMENT, 1, `ct-attempts:${key}`);
  }
}

/**
 * The shared store while it answers; this process's own counters while it fails (each failure is
 * logged). An attempt is given back where it was counted.
 */
class FailoverCounterStore implements CounterStore {
  constructor(
    private readonly shared: CounterStore,
    private readonly local: MemoryCounterStore,
    private readonly onFailover: (err: unknown) => void,
  ) {}

  async increment(key: string, windowMs: number) {
    try {
      return await this.shared.increment(key, windowMs);
    } catch (err) {
      this.onFailover(err);
      return this.local.increment(key, windowMs);
    }
  }

  async decrement(key: string) {
    if (this.local.holds(key)) return this.local.decrement(key);
    try {
      await this.shared.decrement(key);
    } catch (err) {
      this.onFailover(err);
    }
  }
}

/**
 * The throttling key of a client address: IPv4 as is, IPv6 by its /64 (one subscriber usually holds a
 * whole /64, so per-address keys would be free to rotate).
 */
export function clientKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail] = ip.toLowerCase().split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
