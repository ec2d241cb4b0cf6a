import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { signedIn, type Agent } from '../helpers/client.ts';
import { createUser } from '../helpers/factories.ts';
import { callsOf, fixture, upload } from './helpers.ts';

let t: TestContext;

beforeAll(async () => {
  t = await createTestApp({ now: '2024-03-14T10:00:00Z' });
});
afterAll(async () => t.close());

async function freshUser(): Promise<{ agent: Agent; id: string }> {
  const user = await createUser(t.database);
  return { agent: await signedIn(t.app, user), id: user.id };
}

const byPhone = <T extends { phoneE164: string | null }>(rows: T[]) => new Map(rows.map((r) => [r.phoneE164, r]));

describe('POST /calls/import — real files', () => {
  it('reads an Excel-FR file (Windows-1252, semicolons, CRLF) with every accent intact', async () => {
    const { agent, id } = await freshUser();
    const res = await upload(agent, fixture('excel-fr-win1252.csv'), { filename: 'Export Excel.csv' });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      status: 'completed',
      encoding: 'windows-1252',
      delimiter: ';',
      totalRows: 4,
      counts: { created: 4, updated: 0, skipped: 0, failed: 0 },
    });
    const rows = byPhone(await callsOf(t.database, id));
    expect(rows.get('+33612345678')).toMatchObject({
      contactFirstName: 'Hélène',
      contactLastName: 'Dupré',
      status: 'to_call',
      type: 'prospecting',
      description: 'Intéressée par l’offre à 49 €',
    });
    expect(rows.get('+33798765432')).toMatchObject({
      contactFirstName: 'François',
      contactLastName: 'Cœur',
      status: 'no_answer',
      type: 'follow_up',
    });
    expect(Buffer.from(rows.get('+33798765432')!.contactLastName, 'utf8').toString('hex')).toBe(
      Buffer.from('Cœur', 'utf8').toString('hex'),
    );
    expect(rows.get('+33144556677')).toMatchObject({
      contactFirstName: 'Zoë',
      contactLastName: 'Noël-Bénédicte',
      status: 'reached',
      type: 'support',
    });
    expect(rows.get('+33611223344')).toMatchObject({
      contactFirstName: 'Jérôme',
      contactLastName: 'Garçon',
      description: '« Très » pressé, voir ½ journée',
      type: 'other',
    });
    // Dates are read in the user's zone (Europe/Paris, UTC+1 in March).
    expect(rows.get('+33798765432')!.lastCallAt?.toISOString()).toBe('2024-03-12T09:15:00.000Z');
    expect(rows.get('+33798765432')!.nextReminderAt?.toISOString()).toBe('2024-03-15T08:30:00.000Z');
    expect(rows.get('+33144556677')!.lastCallAt?.toISOString()).toBe('2024-03-10T23:00:00.000Z');
    // A reminder date without a time takes the user's default reminder slot (10:00).
    expect(rows.get('+33611223344')!.nextReminderAt?.toISOString()).toBe('2024-03-20T09:00:00.000Z');
    for (const row of rows.values()) expect(row.importId).toBe(body.id);
  });

  it('reads UTF-8 with a BOM, and maps headers whatever their case and accents', async () => {
    const { agent, id } = await freshUser();
    const res = await upload(agent, fixture('utf8-bom.csv'));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ encoding: 'utf-8', delimiter: ';', counts: { created: 3, failed: 0 } });
    expect(res.json().mapping).toEqual({
      NOM: 'lastName',
      PRÉNOM: 'firstName',
      Tél: 'phone',
      État: 'status',
      Objet: 'type',
      Notes: 'description',
    });
    const rows = byPhone(await callsOf(t.database, id));
    expect(rows.get('+33620304050')).toMatchObject({
      contactLastName: 'Lefèvre',
      contactFirstName: 'Anaïs',
      status: 'callback',
      type: 'follow_up',
    });
    expect(rows.get('+4741234567')).toMatchObject({
      contactLastName: 'Ødegård',
      contactFirstName: 'Åsa',
      status: 'no_answer',
    });
    expect(rows.get('+33621314151')).toMatchObject({
      contactLastName: 'Nguyễn',
      contactFirstName: 'Thị Minh',
      status: 'done',
      description: 'Dossier clos — merci',
    });
  });

  it('reads a Google Sheets export (UTF-8, commas, quotes) with a full-name column and ISO dates', async () => {
    const { agent, id } = await freshUser();
    const res = await upload(agent, fixture('google-utf8.csv'));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ encoding: 'utf-8', delimiter: ',', counts: { created: 3, failed: 0 } });
    const rows = byPhone(await callsOf(t.database, id));
    expect(rows.get('+33645678901')).toMatchObject({
      contactFirstName: 'Chloé',
      contactLastName: 'Martin',
      status: 'reached',
      type: 'follow_up',
      description: 'Met at the salon, wants a demo',
    });
    expect(rows.get('+33645678902')).toMatchObject({
      contactFirstName: 'José',
      contactLastName: 'Álvarez',
      status: 'no_answer',
      description: '',
    });
    expect(rows.get('+33645678903')).toMatchObject({
      contactLastName: "O'Brien",
      status: 'callback',
      type: 'support',
      description: 'Said "call me Friday"',
    });
    expect(rows.get('+33645678903')!.lastCallAt?.toISOString()).toBe('2024-03-08T13:30:00.000Z');
  });

  it('keeps quoted fields that span several lines, and counts lines as the file does', async () => {
    const { agent, id } = await freshUser();
    const res = await upload(agent, fixture('multiline.csv'), { query: 'dryRun=true' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().preview.map((p: { line: number }) => p.line)).toEqual([2, 5, 6]);
    const real = await upload(agent, fixture('multiline.csv'));
    expect(real.json().counts).toEqual({ created: 3, updated: 0, skipped: 0, failed: 0 });
    const rows = byPhone(await callsOf(t.database, id));
    expect(rows.get('+33630405060')!.description).toBe(
      'Première ligne\r\ndeuxième ligne, avec une virgule\r\ntroisième "citée"',
    );
    expect(rows.get('+33630405062')!.description).toBe("Adresse :\r\n12 rue de l'Église\r\n75004 Paris");
  });

  it('reads UTF-16 with a BOM (Excel "Unicode text", tab-separated)', async () => {
    const { agent, id } = await freshUser();
    const res = await upload(agent, fixture('utf16le-bom-tab.csv'));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', counts: { created: 2 } });
    const names = (await callsOf(t.database, id)).map((r) => `${r.contactFirstName} ${r.contactLastName}`).sort();
    expect(names).toEqual(['Anaïs Lefèvre', 'Gaëlle Çelik']);
  });

  it('reads ISO-8859-1', async () => {
    const { agent, id } = await freshUser();
    const res = await upload(agent, fixture('latin1.csv'));
    expect(res.json()).toMatchObject({ encoding: 'iso-8859-1', counts: { created: 2 } });
    const names = (await callsOf(t.database, id)).map((r) => `${r.contactFirstName} ${r.contactLastName}`).sort();
    expect(names).toEqual(['Cécile Müller', 'Loïc Brûlé']);
  });

  it('normalises phones written every common way to E.164 with the default region', async () => {
    const { agent, id } = await freshUser();
    const res = await upload(agent, fixture('mixed-phones.csv'));
    expect(res.json().counts).toEqual({ created: 11, updated: 0, skipped: 0, failed: 0 });
    const e164 = (await callsOf(t.database, id)).map((r) => [r.contactLastName, r.phoneE164]);
    expect(Object.fromEntries(e164)).toEqual({
      Espaces: '+33612345601',
      International: '+33612345602',
      'Double zéro': '+33612345603',
      Points: '+33612345604',
      Tirets: '+33612345605',
      Parenthèses: '+33612345606',
      Collé: '+33612345607',
      Fixe: '+33123456708',
      'Royaume-Uni': '+442079460958',
      'États-Unis': '+14155552671',
      Belgique: '+32470123456',
    });
  });

  it('accepts options as fields after the file, and an explicit mapping that overrides the guess', async () => {
    const { agent, id } = await freshUser();
    const res = await upload(agent, fixture('mixed-phones.csv'), {
      fields: { mapping: JSON.stringify({ Nom: 'description' }) },
      fieldsAfter: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().mapping).toEqual({ Nom: 'description', Téléphone: 'phone' });
    const rows = await callsOf(t.database, id);
    expect(rows.find((r) => r.phoneE164 === '+33612345601')).toMatchObject({
      contactLastName: '',
      description: 'Espaces',
    });
  });
});
