import { timestamp } from 'drizzle-orm/pg-core';

/** Every instant is a timestamptz; JS gets Date objects. */
export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const timestamps = {
  createdAt: instant('created_at').notNull().defaultNow(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
};
