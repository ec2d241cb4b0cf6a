import type { Database, Db } from '@ct/db';
import type { Role } from '@ct/contracts';
import type { Env } from './env.ts';
import type { Clock } from './lib/clock.ts';
import type { EventBus } from './lib/events.ts';

/** Who may call a route. Every route declares one; an undeclared route fails at start-up. */
export type RouteAccess = 'public' | 'session' | 'user' | 'admin';

export interface AuthContext {
  userId: string;
  sessionId: string;
  role: Role;
  email: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    env: Env;
    database: Database;
    db: Db;
    clock: Clock;
    events: EventBus;
    /** Every registered route with its access class (the route inventory of docs/security.md, AC-01). */
    routeInventory: { method: string; url: string; access: RouteAccess }[];
  }
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}
