import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { signedIn, type Agent } from '../helpers/client.ts';
import { createUser } from '../helpers/factories.ts';
import { calls } from '@ct/db';
import { callsOf, upload } from './helpers.ts';

let t: TestContext;

beforeAll(async () => {
  t = await createTestApp({ now: '2024-03-14T10:00:00Z' });
});
afterAll(async () => t.close());

async function freshUser(): Promise<{ agent: Agent; id: string }> {
  const user = await createUser(t.database);
  return { agent: await signedIn(t.app, user), id: user.id };
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const FORMULAS = ['=HYPERLINK("http://evil.example","clic")', '+33 6 00 00 00 00 en note', '-2+3', '@SUM(A1:A2)'];
/** The API trims what it is sent; a leading tab or CR can only come from elsewhere (older data). */
const RAW_FORMULAS = ['\tindent', '\rretour'];

/** Four calls: one called (last call + callback reminder), one with formula-like text everywhere. */
async function seed(agent: Agent, userId?: string) {
  const made = [];
  made.push(
    (
      await agent.post('/calls', {
        firstName: 'Hélène',
        lastName: 'Dupré',
        phone: '06 12 34 56 78',
        type: 'follow_up',
        description: 'Intéressée; rappeler "vite"',
      })
    ).json(),
  );
  made.push(
    (
      await agent.post('/calls', {
        firstName: '=cmd',
        lastName: '@nom',
        phone: '+33 6 98 76 54 32',
        description: FORMULAS.join(' | '),
      })
    ).json(),
  );
  made.push(
    (
      await agent.post('/calls', {
        firstName: 'Zoë',
        lastName: 'Noël',
        phone: '0033 1 44 55 66 77',
        status: 'reached',
        description: 'Ligne 1\nLigne 2',
      })
    ).json(),
  );
  made.push((await agent.post('/calls', { firstName: 'Ana', lastName: 'Costa', phone: '+351 912 345 678' })).json());
  for (const [i, text] of FORMULAS.entries())
    made.push(
      (
        await agent.post('/calls', { firstName: 'F', lastName: `${i}`, phone: `06 40 00 00 0${i}`, description: text })
      ).json(),
    );
  if (userId) {
    for (const [i, text] of RAW_FORMULAS.entries()) {
      await t.database.db
        .insert(calls)
        .values({
          userId,
          contactFirstName: 'R',
          contactLastName: `${i}`,
          phone: `06 41 00 00 0${i}`,
          phoneE164: `+3364100000${i}`,
          description: text,
        });
    }
  }
  const log = await agent.post(`/calls/${made[0].id}/log`, {
    status: 'callback',
    note: 'rappeler',
    occurredAt: '2024-03-14T08:30:00.000Z',
    reminder: { scheduledAt: '2024-03-15T13:45:00.000Z' },
  });
  expect(log.statusCode, log.body).toBe(201);
  return made;
}

function readCsv(payload: Buffer, delimiter: string): string[][] {
  expect(payload.subarray(0, 3)).toEqual(BOM);
  return parse(payload.subarray(3).toString('utf8'), { delimiter }) as string[][];
}

describe('GET /calls/export', () => {
  it('streams UTF-8 with a BOM, semicolons and French labels for a French user, dates in their format and zone', async () => {
    const { agent } = await freshUser();
    await seed(agent);
    const res = await agent.get('/calls/export?sort=lastName:asc');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="appels-2024-03-14.csv"; filename*=UTF-8''appels-2024-03-14.csv`,
    );
    const rows = readCsv(res.rawPayload, ';');
    expect(rows[0]).toEqual([
      'Prénom',
      'Nom',
      'Téléphone',
      'Statut',
      'Type',
      'Description',
      'Dernier appel',
      'Prochain rappel',
    ]);
    expect(rows).toHaveLength(9);
    const helene = rows.find((r) => r[0] === 'Hélène')!;
    expect(helene).toEqual([
      'Hélène',
      'Dupré',
      '06 12 34 56 78',
      'À rappeler',
      'Suivi',
      'Intéressée; rappeler "vite"',
      '14/03/2024 09:30',
      '15/03/2024 14:45',
    ]);
    expect(rows.find((r) => r[0] === 'Zoë')).toEqual([
      'Zoë',
      'Noël',
      '0033 1 44 55 66 77',
      'Joint',
      'Prospection',
      'Ligne 1\nLigne 2',
      '',
      '',
    ]);
  });

  it('neutralises every cell a spreadsheet would run as a formula', async () => {
    const { agent, id } = await freshUser();
    await seed(agent, id);
    const rows = readCsv((await agent.get('/calls/export')).rawPayload, ';');
    const cmd = rows.find((r) => r[0] === "'=cmd")!;
    expect(cmd.slice(0, 3)).toEqual(["'=cmd", "'@nom", "'+33 6 98 76 54 32"]);
    for (const [i, text] of FORMULAS.entries())
      expect(rows.find((r) => r[0] === 'F' && r[1] === `${i}`)![5]).toBe(`'${text}`);
    for (const [i, text] of RAW_FORMULAS.entries())
      expect(rows.find((r) => r[0] === 'R' && r[1] === `${i}`)![5]).toBe(`'${text}`);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('uses commas, English labels and the 12-hour format of an English-speaking user', async () => {
    const { agent } = await freshUser();
    expect(
      (
        await agent.patch('/me', {
          language: 'en',
          dateFormat: 'MM/dd/yyyy',
          timeFormat: '12h',
          timezone: 'America/New_York',
        })
      ).statusCode,
    ).toBe(200);
    await seed(agent);
    const res = await agent.get('/calls/export');
    expect(res.headers['content-disposition']).toMatch(/filename="calls-2024-03-14\.csv"/);
    const rows = readCsv(res.rawPayload, ',');
    expect(rows[0]).toEqual([
      'First name',
      'Last name',
      'Phone',
      'Status',
      'Type',
      'Description',
      'Last call',
      'Next reminder',
    ]);
    expect(rows.find((r) => r[0] === 'Hélène')!.slice(3)).toEqual([
      'Call back',
      'Follow-up',
      'Intéressée; rappeler "vite"',
      '03/14/2024 04:30 AM',
      '03/15/2024 09:45 AM',
    ]);
  });

  it('applies exactly the filters of GET /calls, and only to the caller’s calls', async () => {
    const { agent } = await freshUser();
    await seed(agent);
    const other = (await freshUser()).agent;
    await other.post('/calls', { firstName: 'Autre', lastName: 'Joint', phone: '06 11 11 11 11', status: 'reached' });
    for (const query of [
      'status=reached',
      'status=callback,reached',
      'q=noel',
      'q=06%2012%2034',
      'type=follow_up',
      'dateField=lastCallAt&from=2024-03-14&to=2024-03-14',
      'sort=firstName:desc',
    ]) {
      const list = (await agent.get(`/calls?${query}&pageSize=100`)).json();
      const rows = readCsv((await agent.get(`/calls/export?${query}`)).rawPayload, ';').slice(1);
      expect(
        rows.map((r) => `${r[0]} ${r[1]}`.replace(/^'/, '').replace(/ '/, ' ')),
        query,
      ).toEqual(list.items.map((c: { firstName: string; lastName: string }) => `${c.firstName} ${c.lastName}`));
    }
    expect((await agent.get('/calls/export?status=nope')).statusCode).toBe(400);
    expect((await agent.get('/calls/export?from=2024-03-14&to=2024-03-01')).statusCode).toBe(400);
  });

  it('round-trips: the exported file imported by someone else gives the same calls', async () => {
    const a = await freshUser();
    await seed(a.agent);
    const exported = (await a.agent.get('/calls/export')).rawPayload;
    const b = await freshUser();
    const res = await upload(b.agent, exported, { filename: 'appels-2024-03-14.csv' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      encoding: 'utf-8',
      delimiter: ';',
      counts: { created: 8, updated: 0, skipped: 0, failed: 0 },
    });
    const shape = (rows: Awaited<ReturnType<typeof callsOf>>) =>
      rows
        .map((r) => ({
          firstName: r.contactFirstName,
          lastName: r.contactLastName,
          phone: r.phone,
          phoneE164: r.phoneE164,
          status: r.status,
          type: r.type,
          description: r.description,
          // Exported to the minute, in the user's format.
          lastCallAt: r.lastCallAt
            ? new Date(Math.floor(r.lastCallAt.getTime() / 60_000) * 60_000).toISOString()
            : null,
          nextReminderAt: r.nextReminderAt?.toISOString() ?? null,
        }))
        .sort((x, y) => x.phone.localeCompare(y.phone));
    expect(shape(await callsOf(t.database, b.id))).toEqual(shape(await callsOf(t.database, a.id)));
    // And the same file back into the same account is all duplicates.
    const back = await upload(a.agent, exported);
    expect(back.json().counts).toEqual({ created: 0, updated: 0, skipped: 8, failed: 0 });
  });
});
