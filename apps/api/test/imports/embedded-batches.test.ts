import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { calls, importUndo, imports, reminders } from '@ct/db';
import { buildApp } from '../../src/app.ts';
import { keepImportUndo } from '../../src/modules/calls/index.ts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { signedIn, type Agent } from '../helpers/client.ts';
import { createUser } from '../helpers/factories.ts';
import { generatedCsv, liveCallCount, upload } from './helpers.ts';

/**
 * The embedded database (PGlite) has one connection: an import written in one transaction would hold
 * it from every other request until the end (decision 0112). There each batch commits on its own, and
 * a run that fails or is abandoned is undone from what its batches kept. PostgreSQL keeps the one
 * transaction (the other import tests), so this file runs on PGlite only.
 */
const template = inject('dbTemplate');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(template.kind !== 'pglite')('imports on the embedded database, batch by batch', () => {
  let t: TestContext;

  beforeAll(async () => {
    t = await createTestApp({ now: '2024-03-14T10:00:00Z' });
    // A row the database refuses, as a disk or constraint failure would, mid-way through a file.
    await t.database.db.execute(sql`
      create function refuse_boom() returns trigger language plpgsql as $$
      begin raise exception 'refused: %', new.phone_e164; end $$`);
    await t.database.db.execute(sql`
      create trigger refuse_boom before insert on calls for each row
      when (new.phone_e164 = '+33799999999') execute function refuse_boom()`);
  });
  afterAll(async () => t.close());

  async function freshUser(): Promise<{ agent: Agent; id: string }> {
    const user = await createUser(t.database);
    return { agent: await signedIn(t.app, user), id: user.id };
  }

  it("answers another user's list while a large import runs, and keeps nothing of the run once it completed", async () => {
    const importer = await freshUser();
    const other = await freshUser();
    await other.agent.post('/calls', { firstName: 'Autre', lastName: 'Compte', phone: '06 98 00 00 01' });
    const started = await upload(importer.agent, generatedCsv(6_000), { headers: { prefer: 'respond-async' } });
    expect(started.statusCode).toBe(202);
    const location = started.headers.location as string;

    await pause(20);
    const list = await other.agent.get('/calls?pageSize=5');
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(1);
    // The other user had their answer before the import was done: it did not hold the database.
    const meanwhile = (await importer.agent.get(location)).json();
    expect(meanwhile.status).toBe('running');
    expect(meanwhile.processedRows).toBeLessThan(6_000);

    let detail = meanwhile;
    while (detail.status === 'running') {
      await pause(20);
      detail = (await importer.agent.get(location)).json();
    }
    expect(detail).toMatchObject({ status: 'completed', counts: { created: 6_000 } });
    expect(await liveCallCount(t.database, importer.id)).toBe(6_000);
    expect(await t.database.db.select().from(importUndo)).toEqual([]);
  });

  it('undoes a run that fails mid-way: created calls gone, updated calls and their reminders as they were', async () => {
    const { agent, id } = await freshUser();
    const kept = (
      await agent.post('/calls', {
        firstName: 'Existant',
        lastName: 'Avant',
        phone: '06 10 00 00 05',
        description: 'à la main',
      })
    ).json();
    const before = (await t.database.db.select().from(calls).where(eq(calls.id, kept.id)))[0]!;
    // Line 2 updates the existing call (with a reminder); 2,500 rows later the database refuses one.
    const lines = ['Prénom;Nom;Téléphone;Statut;Commentaire;Prochain rappel'];
    lines.push('Changé;Parlimport;06 10 00 00 05;Rappel;écrasé par le fichier;15/03/2024 09:30');
    for (let i = 0; i < 2_500; i++)
      lines.push(`P${i};N${i};07${String(20_000_000 + i).padStart(8, '0')};À appeler;ligne ${i};`);
    lines.push('Dernier;Boom;07 99 99 99 99;À appeler;refusé;');
    const res = await upload(agent, Buffer.from(`${lines.join('\r\n')}\r\n`), { fields: { dedupe: 'update' } });
    expect(res.statusCode, res.body).toBe(500);

    const [run] = await t.database.db.select().from(imports).where(eq(imports.userId, id));
    expect(run).toMatchObject({ status: 'failed' });
    expect(await liveCallCount(t.database, id)).toBe(1);
    expect(await t.database.db.select().from(calls).where(eq(calls.importId, run!.id))).toEqual([]);
    const after = (await t.database.db.select().from(calls).where(eq(calls.id, kept.id)))[0]!;
    expect(after).toMatchObject({
      contactFirstName: before.contactFirstName,
      contactLastName: before.contactLastName,
      status: before.status,
      description: 'à la main',
      searchText: before.searchText,
      nextReminderAt: null,
      version: before.version + 2,
    });
    expect(await t.database.db.select().from(reminders).where(eq(reminders.callId, kept.id))).toEqual([]);
    expect(await t.database.db.select().from(importUndo)).toEqual([]);
    // The same file, without its bad row, imports afresh.
    const again = await upload(agent, Buffer.from(`${lines.slice(0, -1).join('\r\n')}\r\n`), {
      fields: { dedupe: 'update' },
    });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().counts).toMatchObject({ created: 2_500, updated: 1 });
  });

  it('undoes a run the last stop cut short when the database opens again, and fails it', async () => {
    const { agent, id } = await freshUser();
    const existing = (
      await agent.post('/calls', { firstName: 'Avant', lastName: 'Coupure', phone: '06 10 00 00 07' })
    ).json();
    const [cut] = await t.database.db
      .insert(imports)
      .values({
        userId: id,
        filename: 'coupé.csv',
        contentHash: 'cut-short',
        status: 'running',
        totalRows: 3,
        createdAt: t.clock.now(),
      })
      .returning();
    // What its committed batches left: a created call, and an existing call changed with a reminder.
    await agent.post('/calls', { firstName: 'Importé', lastName: 'Partiel', phone: '06 10 00 00 08' });
    await t.database.db.update(calls).set({ importId: cut!.id }).where(eq(calls.contactLastName, 'Partiel'));
    const [added] = await t.database.db
      .insert(reminders)
      .values({
        callId: existing.id,
        userId: id,
        scheduledAt: new Date('2024-03-15T09:30:00Z'),
        createdAt: t.clock.now(),
        updatedAt: t.clock.now(),
      })
      .returning();
    await keepImportUndo(t.database.db, id, cut!.id, [{ callId: existing.id, reminderId: added!.id }]);
    await t.database.db
      .update(calls)
      .set({ contactFirstName: 'Modifié', description: 'par le fichier' })
      .where(eq(calls.id, existing.id));

    // Another app opening the same embedded database: what a restart does.
    const restarted = await buildApp({ env: t.env, database: t.database, clock: t.clock, logger: false });
    await restarted.ready();
    await restarted.close();

    expect((await t.database.db.select().from(imports).where(eq(imports.id, cut!.id)))[0]).toMatchObject({
      status: 'failed',
      options: { failure: expect.stringMatching(/^abandoned: .*nothing was written$/) },
    });
    expect(await liveCallCount(t.database, id)).toBe(1);
    expect((await t.database.db.select().from(calls).where(eq(calls.id, existing.id)))[0]).toMatchObject({
      contactFirstName: 'Avant',
      description: '',
    });
    expect(await t.database.db.select().from(reminders).where(eq(reminders.callId, existing.id))).toEqual([]);
  });

  it('reverts a large import a thousand calls per transaction, keeping the edited ones', async () => {
    const { agent, id } = await freshUser();
    const imported = (await upload(agent, generatedCsv(2_500, 40_000))).json();
    expect(imported.counts.created).toBe(2_500);
    const [edited] = await t.database.db.select().from(calls).where(eq(calls.importId, imported.id)).limit(1);
    expect((await agent.patch(`/calls/${edited!.id}`, { description: 'modifié' })).statusCode).toBe(200);
    const res = await agent.post(`/imports/${imported.id}/revert`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ reverted: 2_499, keptEdited: [edited!.id], import: { status: 'reverted' } });
    expect(await liveCallCount(t.database, id)).toBe(1);
    expect((await agent.post(`/imports/${imported.id}/revert`)).statusCode).toBe(409);
  });
});
