import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Call } from '@ct/contracts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';
import { signedIn, type Agent } from '../helpers/client.ts';
import { createCall, createReminder, logAttempt, query } from './fixtures.ts';

let t: TestContext;
let agent: Agent;
let userId: string;
const NOW = '2026-03-24T10:00:00Z';

beforeAll(async () => {
  t = await createTestApp({ now: NOW });
  const user = await createUser(t.database);
  userId = user.id;
  agent = await signedIn(t.app, user);
});
afterAll(() => t.close());

async function at(iso: string) {
  t.clock.set(iso);
  await agent.login();
}

describe('DELETE /calls/:id', () => {
  it('soft-deletes: the call leaves the list and detail, its reminders are closed, the row as it was is audited', async () => {
    await at(NOW);
    const call = await createCall(agent, { lastName: 'Supprimé' });
    const logged = await logAttempt(agent, call.id, { status: 'callback' });
    const res = await agent.delete(`/calls/${call.id}`, { 'if-match': `W/"${logged.call.version}"` });
    expect(res.statusCode).toBe(204);
    expect((await agent.get(`/calls/${call.id}`)).statusCode).toBe(404);
    expect((await agent.get('/calls?q=supprime')).json()).toMatchObject({ total: 0 });
    expect((await agent.get(`/reminders/${logged.reminder?.id}`)).statusCode).toBe(404);
    const [row] = await query<{ deleted_at: unknown }>(
      t.database,
      `select deleted_at from calls where id = '${call.id}'`,
    );
    expect(row?.deleted_at).not.toBeNull();
    const [reminder] = await query<{ done: boolean }>(
      t.database,
      `select done from reminders where id = '${logged.reminder?.id}'`,
    );
    expect(reminder?.done).toBe(true);
    const [audit] = await query<{ actor_id: string; meta: { row: Call } | string }>(
      t.database,
      `select actor_id, meta from audits where action = 'sensitive_delete' and target_id = '${call.id}'`,
    );
    expect(audit?.actor_id).toBe(userId);
    const meta = typeof audit?.meta === 'string' ? (JSON.parse(audit.meta) as { row: Call }) : audit?.meta;
    expect(meta?.row).toMatchObject({
      id: call.id,
      lastName: 'Supprimé',
      status: 'callback',
      version: logged.call.version,
    });
  });

  it('answers 412 on a stale If-Match and deletes nothing', async () => {
    await at(NOW);
    const call = await createCall(agent);
    await agent.patch(`/calls/${call.id}`, { description: 'v2' });
    expect((await agent.delete(`/calls/${call.id}`, { 'if-match': 'W/"1"' })).statusCode).toBe(412);
    expect((await agent.get(`/calls/${call.id}`)).statusCode).toBe(200);
  });

  it('answers 404 for a call already deleted', async () => {
    await at(NOW);
    const call = await createCall(agent);
    expect((await agent.delete(`/calls/${call.id}`)).statusCode).toBe(204);
    expect((await agent.delete(`/calls/${call.id}`)).statusCode).toBe(404);
  });

  it('lists the restorable deleted calls with deleted=true', async () => {
    await at(NOW);
    const call = await createCall(agent, { lastName: 'Corbeille' });
    await agent.delete(`/calls/${call.id}`);
    const page = (await agent.get('/calls?deleted=true&q=corbeille')).json<{ items: Call[] }>();
    expect(page.items.map((c) => c.id)).toEqual([call.id]);
    expect(page.items[0]?.deletedAt).toBe('2026-03-24T10:00:00.000Z');
  });
});

describe('POST /calls/:id/restore', () => {
  it('restores within 30 days with the reminders the delete closed, and audits it', async () => {
    await at(NOW);
    const call = await createCall(agent);
    const logged = await logAttempt(agent, call.id, { status: 'no_answer' });
    const settled = await createReminder(agent, { callId: call.id, scheduledAt: '2026-03-24T12:00:00Z' });
    await agent.patch(`/reminders/${settled.id}`, { done: true, status: 'callback', note: 'rappel demandé' });
    const open = (await agent.get(`/calls/${call.id}`))
      .json<{ openReminders: { id: string }[] }>()
      .openReminders.map((r) => r.id);
    expect(open).toHaveLength(1);
    await agent.delete(`/calls/${call.id}`);

    await at('2026-04-20T10:00:00Z');
    const res = await agent.post(`/calls/${call.id}/restore`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: call.id, deletedAt: null });
    const detail = (await agent.get(`/calls/${call.id}`)).json<{
      openReminders: { id: string; overdue: boolean }[];
      nextReminderAt: string | null;
    }>();
    expect(detail.openReminders.map((r) => r.id)).toEqual(open);
    expect(detail.openReminders[0]?.overdue).toBe(true);
    expect(detail.nextReminderAt).not.toBeNull();
    expect(logged.reminder).not.toBeNull();
    const audits = await query(
      t.database,
      `select 1 from audits where action = 'call_restored' and target_id = '${call.id}'`,
    );
    expect(audits).toHaveLength(1);
  });

  it('answers 404 after 30 days, and 409 for a call that is not deleted', async () => {
    await at(NOW);
    const call = await createCall(agent);
    const live = await createCall(agent);
    await agent.delete(`/calls/${call.id}`);
    await at('2026-04-23T10:00:01Z');
    expect((await agent.post(`/calls/${call.id}/restore`)).statusCode).toBe(404);
    expect((await agent.post(`/calls/${live.id}/restore`)).statusCode).toBe(409);
  });
});
