import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { count, eq } from 'drizzle-orm';
import { audits, imports } from '@ct/db';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { signedIn, type Agent } from '../helpers/client.ts';
import { createUser } from '../helpers/factories.ts';
import { callsOf, fixture, liveCallCount, upload } from './helpers.ts';

let t: TestContext;

beforeAll(async () => {
  t = await createTestApp({ now: '2024-03-14T10:00:00Z' });
});
afterAll(async () => t.close());

async function freshUser(): Promise<{ agent: Agent; id: string }> {
  const user = await createUser(t.database);
  return { agent: await signedIn(t.app, user), id: user.id };
}

const EXPECTED_ERRORS = [
  { line: 3, code: 'phone_missing', column: 'Téléphone' },
  { line: 4, code: 'phone_invalid', column: 'Téléphone' },
  { line: 5, code: 'status_unknown', column: 'Statut' },
  { line: 6, code: 'type_unknown', column: 'Type' },
  { line: 7, code: 'date_invalid', column: 'Dernier appel' },
  { line: 8, code: 'date_in_future', column: 'Dernier appel' },
  { line: 9, code: 'too_long', column: 'Prénom' },
  { line: 10, code: 'columns_mismatch', column: null },
  { line: 11, code: 'columns_mismatch', column: null },
];

describe('POST /calls/import?dryRun=true', () => {
  it('reports every bad row with its line, column and a message, and writes nothing', async () => {
    const { agent, id } = await freshUser();
    const [importsBefore] = await t.database.db.select({ n: count() }).from(imports);
    const res = await upload(agent, fixture('bad-rows.csv'), { query: 'dryRun=true' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      dryRun: true,
      encoding: 'utf-8',
      delimiter: ';',
      totalRows: 11,
      missingFields: [],
      counts: { created: 2, updated: 0, skipped: 0, failed: 9 },
      errorCount: 9,
    });
    expect(
      body.errors.map((e: { line: number; code: string; column: string | null }) => ({
        line: e.line,
        code: e.code,
        column: e.column,
      })),
    ).toEqual(EXPECTED_ERRORS);
    // Messages are in the user's language (French by default) and name the culprit.
    expect(body.errors[1].message).toBe("« pas un numéro » n'est pas un numéro de téléphone");
    expect(body.errors[2].message).toMatch(/^Statut inconnu « Peut-être »/);
    expect(body.preview).toHaveLength(11);
    expect(body.preview[0]).toMatchObject({
      line: 2,
      action: 'create',
      call: { firstName: 'Bon', phoneE164: '+33655000001', status: 'to_call' },
    });
    expect(body.preview[1]).toMatchObject({ line: 3, action: 'error', call: null });
    expect(await liveCallCount(t.database, id)).toBe(0);
    const [importsAfter] = await t.database.db.select({ n: count() }).from(imports);
    expect(importsAfter!.n).toBe(importsBefore!.n);
  });

  it('shows the file and what is missing when no column is the phone', async () => {
    const { agent } = await freshUser();
    const csv = Buffer.from('Qui;Numéro perso bizarre\r\nAnne;06 12 12 12 12\r\n');
    const res = await upload(agent, Buffer.from(csv.toString().replace('Numéro perso bizarre', 'Contact direct')), {
      query: 'dryRun=true',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ missingFields: ['phone'], headers: ['Qui', 'Contact direct'], totalRows: 1 });
    const mapped = await upload(agent, csv, {
      query: 'dryRun=true',
      fields: { mapping: JSON.stringify({ 'Numéro perso bizarre': 'phone', Qui: 'fullName' }) },
    });
    expect(mapped.json()).toMatchObject({
      missingFields: [],
      counts: { created: 1 },
      preview: [{ call: { lastName: 'Anne', phoneE164: '+33612121212' } }],
    });
  });

  it('refuses a mapping naming a column the file does not have', async () => {
    const { agent } = await freshUser();
    const res = await upload(agent, fixture('mixed-phones.csv'), {
      query: `dryRun=true&mapping=${encodeURIComponent(JSON.stringify({ Portable: 'phone' }))}`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ path: 'mapping' });
  });
});

describe('POST /calls/import with bad rows', () => {
  it('commits the valid rows, rejects the others, and counts exactly', async () => {
    const { agent, id } = await freshUser();
    const res = await upload(agent, fixture('bad-rows.csv'));
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      status: 'completed',
      totalRows: 11,
      processedRows: 11,
      counts: { created: 2, updated: 0, skipped: 0, failed: 9 },
    });
    expect(body.errors.map((e: { line: number; code: string }) => [e.line, e.code])).toEqual(
      EXPECTED_ERRORS.map((e) => [e.line, e.code]),
    );
    const rows = await callsOf(t.database, id);
    expect(rows.map((r) => r.phoneE164).sort()).toEqual(['+33655000001', '+33655000009']);
    const [audit] = await t.database.db.select().from(audits).where(eq(audits.targetId, body.id));
    expect(audit).toMatchObject({
      action: 'upload_complete',
      actorId: id,
      outcome: 'success',
      meta: { created: 2, failed: 9 },
    });
  });

  it('GET /imports/:id/errors.csv gives the rejected rows as they were, with their error next to each', async () => {
    const { agent } = await freshUser();
    const imported = (await upload(agent, fixture('bad-rows.csv'), { filename: 'prospects mars.csv' })).json();
    const res = await agent.get(`/imports/${imported.id}/errors.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="prospects_mars-erreurs.csv"; filename*=UTF-8''prospects%20mars-erreurs.csv`,
    );
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parse(res.rawPayload.subarray(3).toString('utf8'), {
      delimiter: ';',
      relax_column_count: true,
    }) as string[][];
    // A row with an extra cell keeps it, under a column of its own.
    expect(rows[0]).toEqual([
      'Prénom',
      'Nom',
      'Téléphone',
      'Statut',
      'Type',
      'Dernier appel',
      'Colonne 7',
      'Ligne',
      'Erreur',
    ]);
    expect(rows).toHaveLength(10);
    expect(rows[1]).toEqual([
      'Sans',
      'Téléphone',
      '',
      'À appeler',
      'Prospection',
      '',
      '',
      '3',
      'Téléphone : Le téléphone est obligatoire',
    ]);
    expect(rows[2]!.slice(0, 3)).toEqual(['Mauvais', 'Numéro', 'pas un numéro']);
    expect(rows[8]).toEqual([
      'Trop',
      'De',
      '06 55 00 00 07',
      'Joint',
      'Suivi',
      '',
      'colonne en trop',
      '10',
      'Nombre de colonnes incorrect : 7 au lieu de 6',
    ]);
  });

  it('reports messages in English for an English-speaking user', async () => {
    const { agent } = await freshUser();
    await agent.patch('/me', { language: 'en' });
    const res = await upload(agent, fixture('bad-rows.csv'), { query: 'dryRun=true' });
    expect(res.json().errors[0].message).toBe('A phone number is required');
  });
});
