import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Call, CallDetail, CallLogResult, Reminder } from '@ct/contracts';
import type { Database } from '@ct/db';
import type { Agent } from '../helpers/client.ts';

/** Creates a call through the API (201 expected). */
export async function createCall(agent: Agent, body: Record<string, unknown> = {}): Promise<Call> {
  const res = await agent.post('/calls', { firstName: 'Hélène', lastName: 'Dupré', phone: '06 12 34 56 78', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Call>();
}

export async function getCall(agent: Agent, id: string): Promise<CallDetail> {
  const res = await agent.get(`/calls/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<CallDetail>();
}

export async function logAttempt(agent: Agent, id: string, body: Record<string, unknown>): Promise<CallLogResult> {
  const res = await agent.post(`/calls/${id}/log`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<CallLogResult>();
}

export async function createReminder(agent: Agent, body: Record<string, unknown>): Promise<Reminder> {
  const res = await agent.post('/reminders', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Reminder>();
}

/** Raw SQL, both drivers. */
export async function query<T = Record<string, unknown>>(database: Database, text: string): Promise<T[]> {
  const result = (await database.db.execute(sql.raw(text))) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * A fingerprint of the workflow tables (row counts and content digests): equal snapshots before and
 * after a request mean it wrote nothing.
 */
export async function snapshot(database: Database): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of ['calls', 'call_status_history', 'reminders', 'audits', 'settings', 'users']) {
    const [row] = await query<{ n: string | number; digest: string }>(
      database,
      `select count(*) as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as digest from "${table}" x`,
    );
    out[table] = `${String(row?.n)}:${row?.digest}`;
  }
  return out;
}

/** Changes one of the user's settings directly (the settings API belongs to another module). */
export async function setSettings(database: Database, userId: string, assignments: string): Promise<void> {
  await query(database, `update settings set ${assignments} where user_id = '${userId}'`);
}
