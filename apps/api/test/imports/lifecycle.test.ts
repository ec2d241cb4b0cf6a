import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { audits, calls, imports, reminders } from '@ct/db';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { signedIn, type Agent } from '../helpers/client.ts';
import { createUser } from '../helpers/factories.ts';
import { fixture, generatedCsv, liveCallCount, upload } from './helpers.ts';

let t: TestContext;

beforeAll(async () => {
  t = await createTestApp({ now: '2024-03-14T10:00:00Z' });
});
afterAll(async () => t.close());

async function freshUser(): Promise<{ agent: Agent; id: string }> {
  const user = await createUser(t.database);
  return { agent: await signedIn(t.app, user), id: user.id };
}

describe('POST /calls/import idempotency', () => {
  it('returns the first import for the same file again (200, replayed) and creates nothing twice', async () => {
    const { agent, id } = await freshUser();
    const first = await upload(agent, fixture('excel-fr-win1252.csv'));
    expect(first.statusCode).toBe(201);
    expect(first.headers.location).toBe(`/imports/${first.json().id}`);
    const again = await upload(agent, fixture('excel-fr-win1252.csv'), {
      filename: 'renamed.csv',
      fields: { dedupe: 'update' },
    });
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await liveCallCount(t.database, id)).toBe(4);
  });

  it('returns the first import for the same Idempotency-Key, and 422 for that key with another file', async () => {
    const { agent, id } = await freshUser();
    const headers = { 'idempotency-key': 'import-7f3a' };
    const first = await upload(agent, generatedCsv(5), { headers });
    const again = await upload(agent, generatedCsv(5), { headers });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const other = await upload(agent, generatedCsv(6), { headers });
    expect(other.statusCode).toBe(422);
    expect(await liveCallCount(t.database, id)).toBe(5);
  });

  it('imports once when the same file is sent twice at the same time', async () => {
    const { agent, id } = await freshUser();
    const [a, b] = await Promise.all([upload(agent, generatedCsv(300, 700)), upload(agent, generatedCsv(300, 700))]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json().id).toBe(b.json().id);
    expect(await liveCallCount(t.database, id)).toBe(300);
  });

  it('keeps users apart: the same file from another user is a new import', async () => {
    const a = await freshUser();
    const b = await freshUser();
    const fromA = await upload(a.agent, generatedCsv(3));
    const fromB = await upload(b.agent, generatedCsv(3));
    expect(fromB.statusCode).toBe(201);
    expect(fromB.json().id).not.toBe(fromA.json().id);
  });
});

describe('GET /imports and GET /imports/:id', () => {
  it("lists the caller's imports with counts and status, and hides other users' imports", async () => {
    const a = await freshUser();
    const b = await freshUser();
    const bad = (await upload(a.agent, fixture('bad-rows.csv'))).json();
    t.clock.advance(60_000);
    const good = (await upload(a.agent, fixture('google-utf8.csv'))).json();
    const list = await a.agent.get('/imports');
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({
      total: 2,
      page: 1,
      items: [
        { id: good.id, status: 'completed', counts: { created: 3 } },
        { id: bad.id, counts: { created: 2, failed: 9 } },
      ],
    });
    expect((await b.agent.get('/imports')).json()).toMatchObject({ total: 0, items: [] });
    for (const url of [`/imports/${bad.id}`, `/imports/${bad.id}/errors.csv`])
      expect((await b.agent.get(url)).statusCode).toBe(404);
    expect((await b.agent.post(`/imports/${bad.id}/revert`)).statusCode).toBe(404);
    const detail = await a.agent.get(`/imports/${bad.id}`);
    expect(detail.json()).toMatchObject({ totalRows: 11, processedRows: 11, errors: expect.any(Array) });
    expect(detail.json().errors).toHaveLength(9);
  });

  it('with Prefer: respond-async, answers 202 at once and GET /imports/:id shows the progress to completion', async () => {
    const { agent, id } = await freshUser();
    const res = await upload(agent, generatedCsv(3000), { headers: { prefer: 'respond-async' } });
    expect(res.statusCode).toBe(202);
    expect(res.headers['preference-applied']).toBe('respond-async');
    expect(res.json()).toMatchObject({ status: 'running', totalRows: 3000, counts: { created: 0 } });
    const seen: number[] = [];
    let detail = res.json();
    while (detail.status === 'running') {
      // A client polls on a timer (the web app every second): in-process requests back to back would
      // never let the run's file reads through on the embedded database, where a query needs no I/O.
      await new Promise((resolve) => setTimeout(resolve, 5));
      detail = (await agent.get(res.headers.location as string)).json();
      seen.push(detail.processedRows);
    }
    expect(detail).toMatchObject({ status: 'completed', processedRows: 3000, counts: { created: 3000 } });
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    expect(await liveCallCount(t.database, id)).toBe(3000);
  });

  it('reports an import left "running" by a crash as failed at once (no transaction holds it), and frees its file', async () => {
    const { agent, id } = await freshUser();
    const csv = generatedCsv(4, 9000);
    const { createHash } = await import('node:crypto');
    const [stale] = await t.database.db
      .insert(imports)
      .values({
        userId: id,
        filename: 'crashed.csv',
        contentHash: createHash('sha256').update(csv).digest('hex'),
        status: 'running',
        totalRows: 4,
        createdAt: t.clock.now(),
      })
      .returning();
    expect((await agent.get(`/imports/${stale!.id}`)).json()).toMatchObject({
      status: 'failed',
      failure: expect.stringMatching(/^abandoned: .*nothing was written$/),
    });
    const list = (await agent.get('/imports')).json();
    expect(list.items[0]).toMatchObject({ id: stale!.id, status: 'failed' });
    const retry = await upload(agent, csv);
    expect(retry.statusCode).toBe(201);
    expect(retry.json().counts.created).toBe(4);
  });
});

describe('POST /imports/:id/revert', () => {
  it('soft-deletes exactly the calls the import created, keeps edited ones and reports them, and restores the count', async () => {
    const { agent, id } = await freshUser();
    await agent.post('/calls', { firstName: 'Déjà', lastName: 'Là', phone: '06 99 00 00 01' });
    const before = await liveCallCount(t.database, id);
    const imported = (await upload(agent, fixture('duplicates.csv'), { fields: { dedupe: 'update' } })).json();
    expect(imported.counts).toEqual({ created: 3, updated: 3, skipped: 0, failed: 0 });
    const created = await t.database.db.select().from(calls).where(eq(calls.importId, imported.id));
    expect(created).toHaveLength(3);
    // The user edits one of the imported calls: the revert must keep it.
    const edited = created.find((c) => c.contactLastName === 'Nouvelle')!;
    const patch = await agent.patch(`/calls/${edited.id}`, { description: 'modifié après import' });
    expect(patch.statusCode, patch.body).toBe(200);

    const res = await agent.post(`/imports/${imported.id}/revert`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      reverted: 2,
      keptEdited: [edited.id],
      alreadyDeleted: 0,
      import: { status: 'reverted', revertedAt: expect.any(String) },
    });
    expect(await liveCallCount(t.database, id)).toBe(before + 1);
    // The call that existed before (updated by the import) is still there.
    expect((await agent.get('/calls?q=0699000001')).json().total).toBe(1);
    const [audit] = await t.database.db
      .select()
      .from(audits)
      .where(and(eq(audits.action, 'import_reverted'), eq(audits.targetId, imported.id)));
    expect(audit).toMatchObject({ actorId: id, meta: { reverted: 2, keptEdited: 1 } });

    const twice = await agent.post(`/imports/${imported.id}/revert`);
    expect(twice.statusCode).toBe(409);
  });

  it('closes the reminders of reverted calls, and a reverted call restored on its own gets them back', async () => {
    const { agent, id } = await freshUser();
    const before = await liveCallCount(t.database, id);
    const imported = (await upload(agent, fixture('excel-fr-win1252.csv'))).json();
    const res = await agent.post(`/imports/${imported.id}/revert`);
    expect(res.json().reverted).toBe(4);
    expect(await liveCallCount(t.database, id)).toBe(before);
    const [withReminder] = await t.database.db
      .select()
      .from(calls)
      .where(and(eq(calls.importId, imported.id), eq(calls.contactFirstName, 'François')));
    const closed = await t.database.db.select().from(reminders).where(eq(reminders.callId, withReminder!.id));
    expect(closed).toMatchObject([{ done: true }]);
    const restored = await agent.post(`/calls/${withReminder!.id}/restore`);
    expect(restored.statusCode, restored.body).toBe(200);
    expect(
      (await t.database.db.select().from(reminders).where(eq(reminders.callId, withReminder!.id)))[0],
    ).toMatchObject({ done: false });
  });

  it('lets the same file be imported again after a revert', async () => {
    const { agent, id } = await freshUser();
    const first = (await upload(agent, generatedCsv(7, 500))).json();
    await agent.post(`/imports/${first.id}/revert`);
    const again = await upload(agent, generatedCsv(7, 500));
    expect(again.statusCode).toBe(201);
    expect(again.json().id).not.toBe(first.id);
    expect(await liveCallCount(t.database, id)).toBe(7);
  });
});
