import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { calls, reminders } from '@ct/db';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { signedIn, type Agent } from '../helpers/client.ts';
import { createUser } from '../helpers/factories.ts';
import { callsOf, fixture, liveCallCount, upload } from './helpers.ts';

let t: TestContext;

beforeAll(async () => {
  t = await createTestApp({ now: '2024-03-14T10:00:00Z' });
});
afterAll(async () => t.close());

/** A user who already has Bob (06 99 00 00 01) and Denis (06 99 00 00 02). */
async function userWithCalls(): Promise<{ agent: Agent; id: string; bob: string; denis: string }> {
  const user = await createUser(t.database);
  const agent = await signedIn(t.app, user);
  const bob = await agent.post('/calls', {
    firstName: 'Bob',
    lastName: 'Avant',
    phone: '06 99 00 00 01',
    description: 'créé à la main',
  });
  const denis = await agent.post('/calls', {
    firstName: 'Denis',
    lastName: 'Avant',
    phone: '+33 6 99 00 00 02',
    type: 'support',
  });
  expect(bob.statusCode, bob.body).toBe(201);
  return { agent, id: user.id, bob: bob.json().id, denis: denis.json().id };
}

describe('POST /calls/import deduplication', () => {
  it('skips (by default) rows whose phone is already a call, or earlier in the file, and says which', async () => {
    const { agent, id, bob } = await userWithCalls();
    const res = await upload(agent, fixture('duplicates.csv'));
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      dedupe: 'skip',
      totalRows: 6,
      counts: { created: 2, updated: 0, skipped: 4, failed: 0 },
    });
    expect(body.duplicates.map((d: { line: number; code: string }) => [d.line, d.code])).toEqual([
      [3, 'duplicate_in_file'],
      [4, 'duplicate_existing'],
      [6, 'duplicate_in_file'],
      [7, 'duplicate_existing'],
    ]);
    expect(body.duplicates[0].message).toBe("Même téléphone qu'à la ligne 2 — ignorée");
    expect(await liveCallCount(t.database, id)).toBe(4);
    const [bobRow] = await t.database.db.select().from(calls).where(eq(calls.id, bob));
    expect(bobRow).toMatchObject({
      contactLastName: 'Avant',
      description: 'créé à la main',
      version: 1,
      importId: null,
    });
    const alice = (await callsOf(t.database, id)).filter((r) => r.phoneE164 === '+33699000010');
    expect(alice).toHaveLength(1);
    expect(alice[0]).toMatchObject({ contactLastName: 'Première', status: 'to_call' });
  });

  it('with dedupe=update, updates the existing call and merges later rows into earlier ones', async () => {
    const { agent, id, bob, denis } = await userWithCalls();
    const dry = await upload(agent, fixture('duplicates.csv'), { query: 'dryRun=true&dedupe=update' });
    expect(dry.json().counts).toEqual({ created: 2, updated: 4, skipped: 0, failed: 0 });
    expect(dry.json().preview.map((p: { action: string }) => p.action)).toEqual([
      'create',
      'update',
      'update',
      'create',
      'update',
      'update',
    ]);

    const res = await upload(agent, fixture('duplicates.csv'), { fields: { dedupe: 'update' } });
    expect(res.json()).toMatchObject({ dedupe: 'update', counts: { created: 2, updated: 4, skipped: 0, failed: 0 } });
    expect(await liveCallCount(t.database, id)).toBe(4);
    const rows = new Map((await callsOf(t.database, id)).map((r) => [r.id, r]));
    // An empty cell never blanks a field; the phone text stays the call's own.
    expect(rows.get(bob)).toMatchObject({
      contactLastName: 'Existant',
      status: 'reached',
      description: 'déjà dans les appels',
      phone: '06 99 00 00 01',
      version: 2,
      importId: null,
    });
    expect(rows.get(denis)).toMatchObject({
      contactLastName: 'Existant',
      status: 'not_interested',
      type: 'support',
      version: 2,
    });
    // Lines 3 and 6 merged into line 2's new call: last value wins, the call is still "as imported".
    const alice = [...rows.values()].filter((r) => r.phoneE164 === '+33699000010');
    expect(alice).toHaveLength(1);
    expect(alice[0]).toMatchObject({
      contactLastName: 'Troisième',
      status: 'done',
      description: 'même numéro, autre écriture',
      version: 1,
      importId: res.json().id,
      phone: '06 99 00 00 10',
    });
    expect(alice[0]!.searchText).toContain('troisieme');
  });

  it('deduplicates across batches of a large file, and never against deleted calls or other users', async () => {
    const { agent, id } = await userWithCalls();
    const other = await signedIn(t.app, await createUser(t.database));
    await other.post('/calls', { firstName: 'Autre', lastName: 'Utilisateur', phone: '06 10 00 00 05' });
    const gone = await agent.post('/calls', { firstName: 'Supprimé', lastName: 'Déjà', phone: '06 10 00 00 06' });
    expect(
      (
        await agent.request({
          method: 'DELETE',
          url: `/calls/${gone.json().id}`,
          headers: { 'if-match': gone.headers.etag as string },
        })
      ).statusCode,
    ).toBe(204);
    const lines = ['Prénom;Téléphone'];
    for (let i = 0; i < 2500; i++)
      lines.push(
        `N${i};06 10 ${String(i % 1200)
          .padStart(6, '0')
          .replace(/(\d\d)(?=\d)/g, '$1 ')}`,
      );
    const res = await upload(agent, Buffer.from(lines.join('\n')));
    expect(res.statusCode, res.body).toBe(201);
    // 2,500 rows, 1,200 distinct numbers: 1,300 repeats of earlier rows, some in earlier batches.
    expect(res.json().counts).toEqual({ created: 1200, updated: 0, skipped: 1300, failed: 0 });
    expect(await liveCallCount(t.database, id)).toBe(1202);
  });

  it('creates the reminder a "Prochain rappel" column asks for', async () => {
    const { agent, id } = await userWithCalls();
    const res = await upload(agent, fixture('excel-fr-win1252.csv'));
    expect(res.json().counts.created).toBe(4);
    const withReminder = (await callsOf(t.database, id)).filter((r) => r.nextReminderAt);
    expect(withReminder).toHaveLength(2);
    for (const call of withReminder) {
      const open = await t.database.db.select().from(reminders).where(eq(reminders.callId, call.id));
      expect(open).toHaveLength(1);
      expect(open[0]).toMatchObject({ userId: id, done: false, priority: 'normal', scheduledAt: call.nextReminderAt });
    }
    const today = await agent.get('/reminders?date=2024-03-15');
    expect(today.statusCode, today.body).toBe(200);
  });
});
